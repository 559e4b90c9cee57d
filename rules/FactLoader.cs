using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Workflows;

namespace Verwerving.Rules;

/// <summary>What to check: at most one subject filter and a period.</summary>
public sealed record CheckScope(DateOnly From, DateOnly To, string? Region = null, string? Municipality = null,
    string? Provider = null, string? Agreement = null, string? Tender = null)
{
    public override string ToString() =>
        (Region is not null ? $"regio {Region}" : Municipality is not null ? $"gemeente {Municipality}" : Provider is not null ? $"aanbieder {Provider}"
            : Agreement is not null ? $"overeenkomst {Agreement}" : Tender is not null ? $"aanbesteding {Tender}" : "alles")
        + $", {From:yyyy-MM-dd} t/m {To:yyyy-MM-dd}";
}

/// <summary>
/// Builds the facts for a scope. Raw rows (referrals, care periods, invoice lines) are summed in the
/// database per provider, lot and municipality before they reach the rules.
/// </summary>
public sealed class FactLoader(VerwervingDb db, NormBook norms, DateOnly today)
{
    /// <summary>The period of subjects that have none (a tender, a decision).</summary>
    public static readonly DateOnly Timeless = new(2000, 1, 1);

    private Dictionary<string, Municipality> _municipalities = [];
    private Dictionary<string, Region> _regions = [];
    private Dictionary<int, Provider> _providers = [];
    private Dictionary<string, Lot> _lots = [];
    private List<Agreement> _agreements = [];

    public List<Fact> Load(CheckScope scope)
    {
        _regions = db.Regions.AsNoTracking().ToDictionary(r => r.Code);
        _municipalities = db.Municipalities.AsNoTracking().ToDictionary(m => m.CbsCode);
        _providers = db.Providers.AsNoTracking().ToDictionary(p => p.Id);
        _lots = db.Lots.AsNoTracking().ToDictionary(l => l.Code);
        _agreements = db.Agreements.AsNoTracking().Include(a => a.Ceilings).ToList();

        if (scope.Region is { } r && !_regions.ContainsKey(r)) throw new InputException($"Onbekende regio '{r}' (bekend: {string.Join(", ", _regions.Keys)}).");
        if (scope.Municipality is { } m && !_municipalities.ContainsKey(m)) throw new InputException($"Onbekende gemeente '{m}'.");
        if (scope.Provider is { } p && _providers.Values.All(x => x.AgbCode != p)) throw new InputException($"Onbekende aanbieder (AGB) '{p}'.");
        if (scope.Agreement is { } a && _agreements.All(x => x.Reference != a)) throw new InputException($"Onbekende overeenkomst '{a}'.");
        if (scope.Tender is { } t && !db.Tenders.Any(x => x.Reference == t)) throw new InputException($"Onbekende aanbesteding '{t}'.");

        var facts = new List<Fact>();
        if (scope.Tender is null)
        {
            var scoped = ScopedAgreements(scope);
            var providerIds = scope.Provider is null && scope.Agreement is null ? null : scoped.Select(x => x.ProviderId)
                .Concat(_providers.Values.Where(x => x.AgbCode == scope.Provider).Select(x => x.Id)).ToHashSet();
            var municipalities = ScopedMunicipalities(scope);
            for (var year = scope.From.Year; year <= scope.To.Year; year++)
            {
                var from = Max(scope.From, new DateOnly(year, 1, 1));
                var to = Min(Min(scope.To, new DateOnly(year, 12, 31)), today);
                if (from > to) continue;
                LoadYear(facts, scope, from, to, municipalities, providerIds, scoped);
            }
            if (scope.Municipality is null && scope.Agreement is null) LoadFinances(facts, scope, providerIds);
            LoadPartnerships(facts, scoped, scope);
            if (scope.Agreement is null && scope.Municipality is null) LoadEscalations(facts, scope);
        }
        if (scope.Provider is null && scope.Agreement is null && scope.Municipality is null)
        {
            LoadTenders(facts, scope);
            if (scope.Tender is null) LoadDecisions(facts, scope);
            if (scope.Tender is null) LoadTaskTerms(facts, scope);
        }
        return facts;
    }

    private void LoadYear(List<Fact> facts, CheckScope scope, DateOnly from, DateOnly to, List<string> municipalities,
        HashSet<int>? providerIds, List<Agreement> agreements)
    {
        var referrals = ReferralFacts(from, to, municipalities, providerIds, scope.Agreement is null ? null : agreements);
        facts.AddRange(referrals);
        var waiting = WaitingFacts(from, to, municipalities, providerIds, scope.Agreement is null ? null : agreements);
        facts.AddRange(waiting);

        var spend = Spend(from, to, municipalities, providerIds);
        var ceilings = CeilingFacts(from, to, agreements, spend);
        facts.AddRange(ceilings);
        if (scope.Provider is null && scope.Agreement is null)
        {
            facts.AddRange(BudgetFacts(from, to, municipalities, spend));
            if (scope.Municipality is null)
            {
                facts.AddRange(FrameFacts(from, to, scope));
                facts.AddRange(GrowthFacts(from, to, scope, municipalities));
            }
        }
        if (scope.Municipality is null && scope.Agreement is null)
        {
            facts.AddRange(QualityFacts(from, to, providerIds));
            facts.AddRange(ContinuityFacts(from, to, providerIds, waiting, ceilings, municipalities));
        }
    }

    private List<ReferralStats> ReferralFacts(DateOnly from, DateOnly to, List<string> municipalities, HashSet<int>? providers, List<Agreement>? agreements)
    {
        var result = new Dictionary<(int, string, string), ReferralStats>();
        foreach (var (lateDays, codes) in ByNorm(municipalities, "acceptatie.antwoordtermijn-dagen", to))
        {
            var q = db.Referrals.AsNoTracking().Where(x => x.ReferredOn >= from && x.ReferredOn <= to && x.ProviderId != null && codes.Contains(x.MunicipalityCode));
            if (providers is not null) q = q.Where(x => providers.Contains(x.ProviderId!.Value));
            var rows = q.GroupBy(x => new { x.ProviderId, x.LotCode, x.MunicipalityCode, x.Complexity })
                .Select(g => new
                {
                    g.Key.ProviderId, g.Key.LotCode, g.Key.MunicipalityCode, g.Key.Complexity,
                    Total = g.Count(),
                    Accepted = g.Count(x => x.Outcome == ReferralOutcome.Accepted),
                    Refused = g.Count(x => x.Outcome == ReferralOutcome.Refused),
                    Answered = g.Count(x => x.AnswerDays != null),
                    Late = g.Count(x => x.AnswerDays > lateDays),
                }).ToList();
            foreach (var row in rows)
            {
                var region = _municipalities[row.MunicipalityCode].RegionCode;
                if (agreements is not null && !agreements.Any(a => a.ProviderId == row.ProviderId && a.LotCode == row.LotCode)) continue;
                var provider = _providers[row.ProviderId!.Value];
                var key = (provider.Id, row.LotCode, region);
                if (!result.TryGetValue(key, out var s))
                    result[key] = s = new ReferralStats
                    {
                        SubjectType = Subjects.Provider, SubjectKey = $"{provider.AgbCode}/{row.LotCode}/{region}", Name = provider.Name,
                        From = from, To = to, Norms = norms.For(region, to), LotName = LotName(row.LotCode), Region = region,
                        ProviderAgb = provider.AgbCode, LotCode = row.LotCode,
                        StrategicPartner = IsStrategicPartner(provider.Id, row.LotCode, region, from, to),
                    };
                if (row.Complexity == Complexity.Complex) { s.ComplexTotal += row.Total; s.ComplexAccepted += row.Accepted; }
                else { s.LightTotal += row.Total; s.LightAccepted += row.Accepted; }
                s.Refused += row.Refused;
                s.Answered += row.Answered;
                s.AnsweredLate += row.Late;
            }
        }
        return result.Values.ToList();
    }

    private List<WaitingStats> WaitingFacts(DateOnly from, DateOnly to, List<string> municipalities, HashSet<int>? providers, List<Agreement>? agreements)
    {
        var result = new Dictionary<(int, string, string), WaitingStats>();
        WaitingStats For(int providerId, string lot, string municipality)
        {
            var region = _municipalities[municipality].RegionCode;
            var provider = _providers[providerId];
            if (!result.TryGetValue((providerId, lot, region), out var w))
                result[(providerId, lot, region)] = w = new WaitingStats
                {
                    SubjectType = Subjects.Provider, SubjectKey = $"{provider.AgbCode}/{lot}/{region}", Name = provider.Name,
                    From = from, To = to, Norms = norms.For(region, to), LotName = LotName(lot), Region = region,
                    ProviderAgb = provider.AgbCode, LotCode = lot,
                };
            return w;
        }
        foreach (var (normDays, codes) in ByNorm(municipalities, "wachttijd.norm-dagen", to))
        {
            var q = db.CarePeriods.AsNoTracking().Where(x => codes.Contains(x.MunicipalityCode));
            if (providers is not null) q = q.Where(x => providers.Contains(x.ProviderId));
            var started = q.Where(x => x.StartedOn >= from && x.StartedOn <= to)
                .GroupBy(x => new { x.ProviderId, x.LotCode, x.MunicipalityCode })
                .Select(g => new { g.Key.ProviderId, g.Key.LotCode, g.Key.MunicipalityCode, Started = g.Count(), Beyond = g.Count(x => x.WaitingDays > normDays), Days = g.Sum(x => x.WaitingDays ?? 0) })
                .ToList();
            foreach (var row in started)
            {
                var w = For(row.ProviderId, row.LotCode, row.MunicipalityCode);
                w.Started += row.Started;
                w.StartedBeyondNorm += row.Beyond;
                w.TotalWaitingDays += row.Days;
            }
            var waitingSince = to.AddDays(-(int)normDays);
            var waiting = q.Where(x => x.AssignedOn < waitingSince && (x.StartedOn == null || x.StartedOn > to) && x.EndedOn == null)
                .GroupBy(x => new { x.ProviderId, x.LotCode, x.MunicipalityCode })
                .Select(g => new { g.Key.ProviderId, g.Key.LotCode, g.Key.MunicipalityCode, Count = g.Count() }).ToList();
            foreach (var row in waiting) For(row.ProviderId, row.LotCode, row.MunicipalityCode).WaitingBeyondNormNow += row.Count;
        }
        return result.Values.Where(w => agreements is null || agreements.Any(a => _providers[a.ProviderId].AgbCode == w.ProviderAgb && a.LotCode == w.LotCode)).ToList();
    }

    private sealed record SpendRow(int ProviderId, string LotCode, string MunicipalityCode, long Cents);

    private List<SpendRow> Spend(DateOnly from, DateOnly to, List<string> municipalities, HashSet<int>? providers)
    {
        var q = db.InvoiceLines.AsNoTracking().Where(x => x.PeriodStart >= from && x.PeriodStart <= to);
        if (municipalities.Count < _municipalities.Count) q = q.Where(x => municipalities.Contains(x.MunicipalityCode));
        if (providers is not null) q = q.Where(x => providers.Contains(x.ProviderId));
        return q.GroupBy(x => new { x.ProviderId, x.LotCode, x.MunicipalityCode })
            .Select(g => new SpendRow(g.Key.ProviderId, g.Key.LotCode, g.Key.MunicipalityCode, g.Sum(x => x.AmountCents))).ToList();
    }

    private List<CeilingUse> CeilingFacts(DateOnly from, DateOnly to, List<Agreement> agreements, List<SpendRow> spend)
    {
        var result = new List<CeilingUse>();
        foreach (var a in agreements.Where(a => a.Start <= to && a.End >= from))
        {
            var provider = _providers[a.ProviderId];
            var spent = spend.Where(s => s.ProviderId == a.ProviderId && s.LotCode == a.LotCode && Covers(a.RegionCode, s.MunicipalityCode)).Sum(s => s.Cents);
            result.Add(new CeilingUse
            {
                SubjectType = Subjects.Agreement, SubjectKey = a.Reference, Name = provider.Name, From = from, To = to,
                Norms = norms.For(provider.AccountHoldingRegionCode ?? a.RegionCode, to), ProviderAgb = provider.AgbCode,
                CeilingCents = a.CeilingFor(from.Year), SpentCents = spent, Elapsed = Elapsed(to),
            });
        }
        return result;
    }

    private IEnumerable<MunicipalityBudget> BudgetFacts(DateOnly from, DateOnly to, List<string> municipalities, List<SpendRow> spend)
    {
        var frames = db.BudgetFrames.AsNoTracking().Where(b => b.Year == from.Year).ToDictionary(b => b.MunicipalityCode);
        var spent = spend.GroupBy(s => s.MunicipalityCode).ToDictionary(g => g.Key, g => g.Sum(s => s.Cents));
        foreach (var code in municipalities)
        {
            var m = _municipalities[code];
            var frame = frames.GetValueOrDefault(code);
            var cents = spent.GetValueOrDefault(code);
            if (frame is null && cents == 0) continue;
            yield return new MunicipalityBudget
            {
                SubjectType = Subjects.Municipality, SubjectKey = code, Name = m.Name, From = from, To = to, Norms = norms.For(m.RegionCode, to),
                BudgetCents = frame?.AmountCents, SpentCents = cents, ProRataCents = frame?.ProRataCents(to) ?? 0, Elapsed = Elapsed(to),
            };
        }
    }

    private IEnumerable<FrameUse> FrameFacts(DateOnly from, DateOnly to, CheckScope scope)
    {
        var frames = db.BudgetFrames.AsNoTracking().Where(b => b.Year == from.Year).ToList();
        foreach (var group in _agreements.Where(a => a.Start <= to && a.End >= from).GroupBy(a => a.RegionCode))
        {
            if (scope.Region is { } r && group.Key != r && _regions[r].ParentCode != group.Key) continue;
            var ceilings = group.Sum(a => a.CeilingFor(from.Year) ?? 0);
            var frameCents = frames.Where(f => Covers(group.Key, f.MunicipalityCode)).Sum(f => f.AmountCents);
            if (frameCents == 0) continue;
            yield return new FrameUse
            {
                SubjectType = Subjects.Region, SubjectKey = group.Key, Name = _regions[group.Key].Name, From = from, To = to,
                Norms = norms.For(group.Key, to), CeilingsCents = ceilings, FramesCents = frameCents,
            };
        }
    }

    private IEnumerable<RegionGrowth> GrowthFacts(DateOnly from, DateOnly to, CheckScope scope, List<string> municipalities)
    {
        // Compare the same stretch of the year, so a year in progress is not set against a whole one.
        var previousFrom = from.AddYears(-1);
        var previousTo = to.AddYears(-1);
        var now = ClientsAndCosts(from, to, municipalities);
        var before = ClientsAndCosts(previousFrom, previousTo, municipalities);
        foreach (var region in _regions.Values.Where(r => r.Kind == RegionKind.Region && (scope.Region is null || scope.Region == r.Code || scope.Region == r.ParentCode)))
        {
            var codes = _municipalities.Values.Where(m => m.RegionCode == region.Code).Select(m => m.CbsCode).ToHashSet();
            var (clients, costs) = Sum(now, codes);
            var (previousClients, previousCosts) = Sum(before, codes);
            if (clients == 0 || previousClients == 0) continue;
            yield return new RegionGrowth
            {
                SubjectType = Subjects.Region, SubjectKey = region.Code, Name = region.Name, From = from, To = to, Norms = norms.For(region.Code, to),
                Clients = clients, CostsCents = costs, PreviousClients = previousClients, PreviousCostsCents = previousCosts,
            };
        }

        static (int, long) Sum(Dictionary<string, (int Clients, long Costs)> rows, HashSet<string> codes) =>
            (rows.Where(r => codes.Contains(r.Key)).Sum(r => r.Value.Clients), rows.Where(r => codes.Contains(r.Key)).Sum(r => r.Value.Costs));
    }

    private Dictionary<string, (int Clients, long Costs)> ClientsAndCosts(DateOnly from, DateOnly to, List<string> municipalities)
    {
        var q = db.InvoiceLines.AsNoTracking().Where(x => x.PeriodStart >= from && x.PeriodStart <= to);
        if (municipalities.Count < _municipalities.Count) q = q.Where(x => municipalities.Contains(x.MunicipalityCode));
        return q.GroupBy(x => x.MunicipalityCode)
            .Select(g => new { g.Key, Clients = g.Select(x => x.ClientPseudonym).Distinct().Count(), Costs = g.Sum(x => x.AmountCents) })
            .ToDictionary(x => x.Key, x => (x.Clients, x.Costs));
    }

    private IEnumerable<QualityFigure> QualityFacts(DateOnly from, DateOnly to, HashSet<int>? providers)
    {
        var q = db.QualityMeasurements.AsNoTracking().Where(x => x.PeriodEnd >= from && x.PeriodEnd <= to);
        if (providers is not null) q = q.Where(x => providers.Contains(x.ProviderId));
        foreach (var m in q.ToList())
        {
            var provider = _providers[m.ProviderId];
            yield return new QualityFigure
            {
                SubjectType = Subjects.Provider, SubjectKey = $"{provider.AgbCode}/{m.Indicator}", Name = provider.Name,
                From = m.PeriodStart, To = m.PeriodEnd, Norms = norms.For(provider.AccountHoldingRegionCode, m.PeriodEnd),
                Indicator = m.Indicator, Value = m.Value, Basis = m.Basis,
            };
        }
    }

    private IEnumerable<ProviderContinuity> ContinuityFacts(DateOnly from, DateOnly to, HashSet<int>? providers, List<WaitingStats> waiting,
        List<CeilingUse> ceilings, List<string> municipalities)
    {
        var q = db.CarePeriods.AsNoTracking().Where(x => x.EndedOn >= from && x.EndedOn <= to && x.EndReason == CarePeriod.EndedOneSidedlyByProvider);
        if (providers is not null) q = q.Where(x => providers.Contains(x.ProviderId));
        var stops = q.GroupBy(x => x.ProviderId).Select(g => new { g.Key, Count = g.Count() }).ToDictionary(x => x.Key, x => x.Count);
        var previous = WaitingFacts(from.AddYears(-1), to.AddYears(-1), municipalities, providers, null);
        foreach (var provider in _providers.Values.Where(p => providers is null || providers.Contains(p.Id)))
        {
            var n = norms.For(provider.AccountHoldingRegionCode, to);
            var near = ceilings.Where(c => c.ProviderAgb == provider.AgbCode && c.CeilingCents > 0 && c.ForecastCents >= c.CeilingCents * n["budget.plafond-signaal"])
                .Select(c => c.SubjectKey).ToList();
            var fact = new ProviderContinuity
            {
                SubjectType = Subjects.Provider, SubjectKey = provider.AgbCode, Name = provider.Name, From = from, To = to, Norms = n,
                NearCeilings = near.Count, NearCeilingAgreements = near, OneSidedStops = stops.GetValueOrDefault(provider.Id),
                MeanWaitingDays = MeanWaiting(waiting, provider.AgbCode), PreviousMeanWaitingDays = MeanWaiting(previous, provider.AgbCode),
            };
            if (fact.NearCeilings > 0 || fact.OneSidedStops > 0 || fact.MeanWaitingDays is not null) yield return fact;
        }

        static decimal? MeanWaiting(List<WaitingStats> stats, string agb)
        {
            var own = stats.Where(s => s.ProviderAgb == agb).ToList();
            var started = own.Sum(s => s.Started);
            return started == 0 ? null : Math.Round((decimal)own.Sum(s => s.TotalWaitingDays) / started, 1);
        }
    }

    private void LoadFinances(List<Fact> facts, CheckScope scope, HashSet<int>? providers)
    {
        var to = Min(scope.To, today);
        foreach (var p in _providers.Values.Where(p => (providers is null || providers.Contains(p.Id)) && p.Solvency is not null))
        {
            if (scope.Region is { } r && p.AccountHoldingRegionCode != r) continue;
            facts.Add(new ProviderFinances
            {
                SubjectType = Subjects.Provider, SubjectKey = p.AgbCode, Name = p.Name, From = new DateOnly(to.Year, 1, 1), To = to,
                Norms = norms.For(p.AccountHoldingRegionCode, to), Solvency = p.Solvency, CurrentRatio = p.CurrentRatio, ResultCents = p.ResultCents,
            });
        }
    }

    /// <summary>
    /// The strategic partnerships followed in Verwerving (an instance runs on the agreement): per partner and calendar year the
    /// meetings recorded, against the norm pro rata for a first year that starts during the year; and the evaluations that fell due.
    /// </summary>
    private void LoadPartnerships(List<Fact> facts, List<Agreement> agreements, CheckScope scope)
    {
        var strategic = agreements.Where(a => a.StrategicPartner).ToList();
        if (strategic.Count == 0) return;
        var refs = strategic.Select(a => a.Reference).ToList();
        var partnerships = db.Set<WorkflowInstance>().AsNoTracking().Where(i => refs.Contains(i.SubjectKey))
            .Select(i => new { i.Id, i.SubjectKey }).ToList().GroupBy(i => i.SubjectKey).ToDictionary(g => g.Key, g => g.Min(i => i.Id));
        var agreementIds = strategic.Select(a => a.Id).ToList();
        var evaluations = db.Evaluations.AsNoTracking().Where(e => agreementIds.Contains(e.AgreementId))
            .Select(e => new { e.AgreementId, e.Round, e.StartedOn }).ToList().ToDictionary(e => (e.AgreementId, e.Round), e => e.StartedOn);
        var followed = strategic.Where(a => partnerships.ContainsKey(a.Reference)).ToList();
        var providerIds = followed.Select(a => a.ProviderId).Distinct().ToList();
        var meetings = db.PartnerMeetings.AsNoTracking().Where(m => providerIds.Contains(m.ProviderId)).Select(m => new { m.ProviderId, m.HeldOn }).ToList()
            .GroupBy(m => (m.ProviderId, m.HeldOn.Year)).ToDictionary(g => g.Key, g => g.Count());
        foreach (var partner in followed.GroupBy(a => a.ProviderId))
        {
            var provider = _providers[partner.Key];
            var start = partner.Min(a => a.Start);
            var end = partner.Max(a => a.End);
            for (var year = Math.Max(start.Year, scope.From.Year); year <= Math.Min(end.Year, scope.To.Year); year++)
            {
                var last = new DateOnly(year, 12, 31);
                if (last >= today) break;
                var first = new DateOnly(year, 1, 1);
                var (from, to) = (Max(first, start), Min(last, end));
                var covered = (decimal)(to.DayNumber - from.DayNumber + 1) / (last.DayNumber - first.DayNumber + 1);
                facts.Add(new PartnershipYear
                {
                    SubjectType = Subjects.Provider, SubjectKey = provider.AgbCode, Name = provider.Name, From = first, To = last,
                    Norms = norms.For(provider.AccountHoldingRegionCode, last), Year = year, Share = covered,
                    Meetings = meetings.GetValueOrDefault((provider.Id, year)),
                });
            }
        }
        foreach (var a in followed)
        {
            var provider = _providers[a.ProviderId];
            foreach (var round in new[] { 1, 2 })
            {
                var years = Evaluation.YearsAfter(round);
                var due = a.Start.AddYears(years);
                if (due > today || (a.EndedOn is { } ended && ended < due)) continue;
                facts.Add(new EvaluationDue
                {
                    SubjectType = Subjects.Agreement, SubjectKey = a.Reference, Name = provider.Name, From = due, To = due,
                    Norms = norms.For(provider.AccountHoldingRegionCode, due), AfterYears = years, Due = due,
                    StartedOn = evaluations.TryGetValue((a.Id, round), out var started) ? started : null, Today = today,
                });
            }
        }
    }

    /// <summary>
    /// Tasks with a term that are open, or were closed after it: those done late are judged again so their finding closes;
    /// those done in time never had one and are left out, so the facts do not grow with every task ever done.
    /// </summary>
    private void LoadTaskTerms(List<Fact> facts, CheckScope scope)
    {
        var tasks = db.Set<HumanTask>().AsNoTracking().Where(t => t.DueAt != null
            && (t.Status == Workflows.TaskStatus.Open || (t.Status == Workflows.TaskStatus.Done && t.ClosedAt > t.DueAt))).ToList();
        var ids = tasks.Select(t => t.InstanceId).Distinct().ToList();
        var instances = db.Set<WorkflowInstance>().AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionary(i => i.Id);
        foreach (var t in tasks)
        {
            var instance = instances[t.InstanceId];
            var regions = WorkflowRuntime.RegionsOf(instance);
            if (scope.Region is { } r && regions.Count > 0 && !regions.Contains(r) && !regions.Any(x => _regions.GetValueOrDefault(x)?.ParentCode == r)) continue;
            var due = WorkCalendar.DateOf(t.DueAt!.Value);
            facts.Add(new TaskTermFact
            {
                SubjectType = Subjects.Task, SubjectKey = $"{instance.SubjectKey}/taak-{t.Id}", Name = t.Title, From = due, To = due,
                Norms = norms.For(regions.Count == 1 ? regions[0] : null, due), Title = t.Title, Subject = instance.SubjectKey, Role = t.Role, Due = due,
                Open = t.Status == Workflows.TaskStatus.Open, AssignedTo = t.AssignedTo, Today = today,
            });
        }
    }

    /// <summary>
    /// Each continuity escalation: the other regions that buy from the provider are to be informed from the day the signal stands
    /// (the escalation's start); they are informed when every one of them has a notice.
    /// </summary>
    private void LoadEscalations(List<Fact> facts, CheckScope scope)
    {
        // An escalation runs on a provider's AGB code (or under it); no other workflow has that key.
        var agbs = _providers.Values.Select(p => p.AgbCode).ToHashSet();
        var escalations = db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.ParentId == null).ToList()
            .Where(i => agbs.Contains(SubjectKinds.RecordKey(i.SubjectKey))).ToList();
        var ids = escalations.Select(e => e.Id).ToList();
        var notices = db.SignalNotices.AsNoTracking().Where(n => ids.Contains(n.EscalationId)).ToList().ToLookup(n => n.EscalationId);
        foreach (var e in escalations)
        {
            var provider = _providers.Values.FirstOrDefault(p => p.AgbCode == SubjectKinds.RecordKey(e.SubjectKey));
            if (provider is null || (scope.Provider is { } agb && agb != provider.AgbCode)) continue;
            if (scope.Region is { } r && provider.AccountHoldingRegionCode != r) continue;
            var others = PurchasingRegions.Others(db, provider);
            if (others.Count == 0) continue; // no other region buys from it: nobody to inform
            var since = WorkCalendar.DateOf(e.StartedAt);
            var given = notices[e.Id].ToList();
            var missing = others.Where(o => given.All(n => n.RegionCode != o)).ToList();
            facts.Add(new EscalationFacts
            {
                SubjectType = Subjects.Provider, SubjectKey = provider.AgbCode, Name = provider.Name, From = since, To = since,
                Norms = norms.For(provider.AccountHoldingRegionCode, since), InformingSince = since,
                OthersInformedOn = missing.Count == 0 ? given.Max(n => n.InformedOn) : null, Today = today,
                AccountHolder = provider.AccountHoldingRegionCode ?? "(geen)", NotInformed = string.Join(", ", missing),
            });
        }
    }

    private void LoadTenders(List<Fact> facts, CheckScope scope)
    {
        var tenders = db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Rounds).Include(t => t.Bids).AsSplitQuery()
            .Where(t => scope.Tender == null || t.Reference == scope.Tender).ToList();
        foreach (var t in tenders)
        {
            if (scope.Region is { } r && t.RegionCode != r && _regions[r].ParentCode != t.RegionCode) continue;
            var signed = _agreements.Where(a => a.TenderId == t.Id && a.SignedOn != null).Select(a => a.SignedOn).Min();
            facts.Add(Tender(t, t.Phase, t.AwardedOn ?? signed));
            facts.AddRange(t.Rounds.Select(round => new DialogueRoundFacts
            {
                SubjectType = Subjects.Tender, SubjectKey = $"{t.Reference}/ronde-{round.Number}", Name = t.Reference,
                From = round.HeldOn, To = round.HeldOn, Norms = norms.For(t.RegionCode, round.HeldOn), Number = round.Number, Theme = round.Theme,
                YouthAndParentsPresent = round.YouthAndParentsPresent, InformationSharedWithAll = round.InformationSharedWithAll,
                ProvidersPresent = round.ProvidersPresent,
            }));
        }
    }

    /// <summary>The tender's facts in <paramref name="phase"/>, awarded on <paramref name="awardedOn"/>; a guard passes the phase a transition leads to.</summary>
    public TenderFacts Tender(Tender t, TenderPhase phase, DateOnly? awardedOn) => new()
    {
        SubjectType = Subjects.Tender, SubjectKey = t.Reference, Name = t.Title, From = Timeless, To = Timeless,
        Norms = norms.For(t.RegionCode, today), Phase = phase, Admitted = t.AdmittedCandidates,
        CriteriaWeightSum = t.CriteriaWeights.Count == 0 ? null : t.CriteriaWeights.Values.Sum(),
        CriteriaText = string.Join(", ", t.CriteriaWeights.Select(w => $"{w.Key} {w.Value}%")),
        BidsOutsideDialogue = t.Bids.Select(b => b.ProviderId).Distinct().Count(p => t.Candidates.All(c => c.ProviderId != p || !c.InDialogue)),
        IntendedAwardOn = t.IntendedAwardOn, AwardSentOn = t.AwardDecisionSentOn,
        AwardedOn = phase >= TenderPhase.Awarded && phase != TenderPhase.Withdrawn ? awardedOn : null,
    };

    private void LoadDecisions(List<Fact> facts, CheckScope scope)
    {
        var aldermen = db.Users.AsNoTracking().ToList().Where(u => u.HasRole(Roles.Alderman)).Select(u => u.Login).ToHashSet();
        foreach (var d in db.Decisions.AsNoTracking().Include(d => d.Approvals).ToList())
        {
            if (scope.Region is { } r && !d.Scope.Contains(r) && !d.Scope.Any(s => _regions.TryGetValue(s, out var x) && x.ParentCode == r)) continue;
            facts.Add(new DecisionFacts
            {
                SubjectType = Subjects.Decision, SubjectKey = d.Reference, Name = d.Title, From = Timeless, To = Timeless,
                Norms = norms.For(d.Scope.Count == 1 ? d.Scope[0] : null, today), Status = d.Status, Scope = d.Scope,
                ApprovedRegions = d.Approvals.Select(a => a.RegionCode).ToList(),
                NonAldermanApprovers = d.Approvals.Where(a => !aldermen.Contains(a.Login)).Select(a => a.Login).ToList(),
                TouchesCouncils = d.TouchesCouncils, DecidedOn = d.Status == DecisionStatus.Decided && d.DecidedAt is { } at ? WorkCalendar.DateOf(at) : null,
                CouncilsInformedOn = d.CouncilsInformedOn, Today = today,
            });
        }
    }

    private List<Agreement> ScopedAgreements(CheckScope scope) => _agreements.Where(a =>
        (scope.Agreement is null || a.Reference == scope.Agreement)
        && (scope.Provider is null || _providers[a.ProviderId].AgbCode == scope.Provider)
        && (scope.Region is null || a.RegionCode == scope.Region || _regions[scope.Region].ParentCode == a.RegionCode)
        && (scope.Municipality is null || Covers(a.RegionCode, scope.Municipality))).ToList();

    private List<string> ScopedMunicipalities(CheckScope scope) => _municipalities.Values.Where(m =>
        (scope.Municipality is null || m.CbsCode == scope.Municipality)
        && (scope.Region is null || m.RegionCode == scope.Region || _regions[m.RegionCode].ParentCode == scope.Region)
        && (scope.Agreement is null || _agreements.Any(a => a.Reference == scope.Agreement && Covers(a.RegionCode, m.CbsCode))))
        .Select(m => m.CbsCode).ToList();

    /// <summary>Municipalities grouped by the value a norm has for their region, so one query serves each group.</summary>
    private IEnumerable<(decimal Value, List<string> Codes)> ByNorm(List<string> municipalities, string key, DateOnly at) =>
        municipalities.GroupBy(c => norms.Value(key, _municipalities[c].RegionCode, at)).Select(g => (g.Key, g.ToList()));

    private bool IsStrategicPartner(int providerId, string lot, string region, DateOnly from, DateOnly to) =>
        _agreements.Any(a => a.StrategicPartner && a.ProviderId == providerId && a.LotCode == lot && a.Start <= to && a.End >= from
                             && (a.RegionCode == region || _regions[region].ParentCode == a.RegionCode));

    private bool Covers(string regionCode, string municipality) =>
        _municipalities.TryGetValue(municipality, out var m) && (m.RegionCode == regionCode || _regions[m.RegionCode].ParentCode == regionCode);

    private string LotName(string code) => _lots.TryGetValue(code, out var lot) ? lot.Name : code;

    private static decimal Elapsed(DateOnly to) => to.Month == 12 && to.Day == 31 ? 1m : (decimal)to.DayOfYear / (DateTime.IsLeapYear(to.Year) ? 366 : 365);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
