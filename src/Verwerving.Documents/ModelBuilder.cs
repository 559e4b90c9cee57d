using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Rules;
using Verwerving.Text;
using Verwerving.Workflows;

namespace Verwerving.Documents;

/// <summary>
/// Builds the view models from the database: the same summed facts the rules judge, the findings that
/// stand, and the instance's history for the mandate chain. Templates see these records and nothing else.
/// </summary>
public sealed class ModelBuilder(VerwervingDb db, NormBook norms, DateOnly today)
{
    private Dictionary<string, Region>? _regions;
    private Dictionary<string, Region> Regions => _regions ??= db.Regions.AsNoTracking().ToDictionary(r => r.Code);
    private string RegionName(string code) => Regions.TryGetValue(code, out var r) ? r.Name : code;

    // ---- governance decision ----

    public DecisionModel Decision(string reference, WorkflowInstance? instance)
    {
        var decision = db.Decisions.AsNoTracking().Include(d => d.Approvals).FirstOrDefault(d => d.Reference == reference);
        var data = instance?.Data ?? [];
        var scope = Text(data, WorkflowRuntime.ScopeField) is { Length: > 0 } s ? s.Split(',') : decision?.Scope.ToArray() ?? [];
        var touches = decision?.TouchesCouncils ?? false;
        var users = db.Users.AsNoTracking().ToList();
        var steps = History(instance, users);
        var approvals = decision?.Approvals.Select(a => new ApprovalItem(RegionName(a.RegionCode), Display(users, a.Login), WorkCalendar.DateOf(a.At))).ToList()
            ?? (instance is null ? [] : Approvals(instance, users));
        var proposedOn = decision is not null ? WorkCalendar.DateOf(decision.ProposedAt) : instance is not null ? WorkCalendar.DateOf(instance.StartedAt) : today;
        return new DecisionModel(
            reference,
            decision?.Title ?? reference,
            decision?.Proposal is { Length: > 0 } p ? p : decision?.Title ?? reference,
            decision?.Status switch { DecisionStatus.Decided => "besloten", DecisionStatus.Rejected => "afgewezen", _ => "ter besluit" },
            scope.Select(RegionName).ToList(),
            scope.Length > 1,
            touches,
            proposedOn,
            decision?.ProposedBy is { } by ? Display(users, by) : instance is not null ? Display(users, instance.StartedBy) : "",
            decision?.DecidedAt is { } at ? WorkCalendar.DateOf(at) : null,
            steps,
            users.Where(u => u.HasRole(Roles.Alderman) && u.RegionCode is not null && scope.Contains(u.RegionCode))
                .OrderBy(u => u.RegionCode, StringComparer.Ordinal).Select(u => new PersonItem(u.DisplayName, "wethouder", RegionName(u.RegionCode!))).ToList(),
            approvals,
            db.Municipalities.AsNoTracking().Where(m => scope.Contains(m.RegionCode)).OrderBy(m => m.Name).Select(m => m.Name).ToList(),
            Findings(f => f.SubjectKey == reference),
            Money(scope, decision?.BudgetYear ?? proposedOn.Year, decision?.AmountCents),
            decision?.Options.ToArray() ?? [],
            decision?.Advice ?? "",
            scope.Select(code =>
            {
                var alderman = users.FirstOrDefault(u => u.HasRole(Roles.Alderman) && u.RegionCode == code);
                var approval = approvals.FirstOrDefault(a => a.Region == RegionName(code));
                return new RegionApprovalItem(RegionName(code), alderman?.DisplayName ?? "wethouder " + RegionName(code), approval is not null, approval?.Date);
            }).ToList());
    }

    /// <summary>
    /// The councils' frame of the regions in scope and what was spent in that year; the strategic partners' ceilings of
    /// the agreements those regions hold (a supra-regional agreement counts when the scope holds all its regions).
    /// </summary>
    private DecisionMoney Money(IReadOnlyCollection<string> scope, int year, long? amountCents)
    {
        var municipalities = db.Municipalities.AsNoTracking().Where(m => scope.Contains(m.RegionCode)).Select(m => m.CbsCode).ToList();
        var frame = db.BudgetFrames.AsNoTracking().Where(b => municipalities.Contains(b.MunicipalityCode) && b.Year <= year)
            .GroupBy(b => b.Year).Select(g => new { Year = g.Key, Cents = g.Sum(b => b.AmountCents) }).ToList().MaxBy(f => f.Year);
        var frameYear = frame?.Year ?? year;
        var from = new DateOnly(frameYear, 1, 1);
        var to = new DateOnly(frameYear, 12, 31);
        var spent = db.InvoiceLines.AsNoTracking().Where(l => municipalities.Contains(l.MunicipalityCode) && l.PeriodStart >= from && l.PeriodStart <= to)
            .Sum(l => (long?)l.AmountCents) ?? 0;
        bool Covered(Region r) => scope.Contains(r.Code) || (r.Kind == RegionKind.SupraRegional
            && Regions.Values.Where(c => c.ParentCode == r.Code).ToList() is { Count: > 0 } parts && parts.All(p => scope.Contains(p.Code)));
        var covered = Regions.Values.Where(Covered).Select(r => r.Code).ToList();
        var ceilings = db.Agreements.AsNoTracking().Where(a => a.StrategicPartner && covered.Contains(a.RegionCode)).SelectMany(a => a.Ceilings)
            .Where(c => c.Year <= year).GroupBy(c => c.Year).Select(g => new { Year = g.Key, Cents = g.Sum(c => c.AmountCents) }).ToList().MaxBy(c => c.Year);
        var room = (frame?.Cents ?? 0) - spent;
        return new DecisionMoney(year, amountCents, frameYear, frame?.Cents ?? 0, spent, ceilings?.Year ?? year, ceilings?.Cents ?? 0, room,
            amountCents is { } a ? room - a : null);
    }

    // ---- evaluation of a strategic partnership ----

    public EvaluationModel Evaluation(string subject)
    {
        var reference = SubjectKinds.RecordKey(subject);
        // Rendered for an evaluation on record, or ahead of one for an agreement (render --subject REF/evaluatie-6j).
        var record = db.Evaluations.AsNoTracking().FirstOrDefault(e => e.Key == subject);
        var afterYears = record?.AfterYears ?? (subject.EndsWith("-6j", StringComparison.Ordinal) ? 6 : 3);
        string Word(EvaluationOutcome? o) => o is { } outcome ? EvaluationOutcomes.Word(outcome) : "";
        var agreement = db.Agreements.AsNoTracking().FirstOrDefault(a => a.Reference == reference);
        if (agreement is null)
            // The process goes on without figures; the report says why rather than blocking the step.
            return new EvaluationModel(reference, "", "", "", "", afterYears, today, today, today, today, 0, [], [], [],
                BudgetChart("Omzet tegen plafond per jaar", []), WaitingChart([]), Findings(f => f.SubjectKey == reference),
                "", "", $"Overeenkomst {reference} staat niet in de registratie: dit rapport bevat geen cijfers.");
        var provider = db.Providers.AsNoTracking().Single(p => p.Id == agreement.ProviderId);
        var from = agreement.Start;
        var to = Min(from.AddYears(afterYears).AddDays(-1), today);
        var facts = new FactLoader(db, norms, today).Load(new CheckScope(from, to, Agreement: reference));
        var view = norms.For(agreement.RegionCode, to);

        var budget = BudgetYears(facts.OfType<CeilingUse>());
        var acceptance = AcceptanceYears(facts, view);
        var referrals = facts.OfType<ReferralStats>().ToList();
        var waiting = facts.OfType<WaitingStats>().ToList();
        var meetings = facts.OfType<PartnershipYear>().ToList();
        var quality = QualityItems([provider.Id], from, to, [provider.AgbCode], agreement.RegionCode);

        var refused = referrals.Sum(r => r.Refused);
        var answered = referrals.Sum(r => r.Answered);
        var late = referrals.Sum(r => r.AnsweredLate);
        var started = waiting.Sum(w => w.Started);
        var meanWait = started == 0 ? 0 : (decimal)waiting.Sum(w => w.TotalWaitingDays) / started;
        var beyond = started == 0 ? 0 : (decimal)waiting.Sum(w => w.StartedBeyondNorm) / started;
        var spent = budget.Sum(b => b.SpentCents);
        var ceiling = budget.Sum(b => b.CeilingCents);
        var kpis = new List<KpiItem>
        {
            Kpi("Weigeringen van verwijzingen", refused.ToString(Nl.Culture), view, "acceptatie.max-weigeringen", n => refused <= n, n => $"ten hoogste {Nl.Number(n)}"),
            Kpi("Laat beantwoorde verwijzingen", answered == 0 ? "—" : Nl.Percent((decimal)late / answered), view, "acceptatie.max-aandeel-laat-beantwoord",
                n => answered == 0 || (decimal)late / answered <= n, n => $"ten hoogste {Nl.Percent(n)}"),
            Kpi("Gemiddelde wachttijd tot start zorg", Nl.Number(Math.Round(meanWait, 1)) + " dagen", view, "wachttijd.norm-dagen", n => meanWait <= n, n => $"ten hoogste {Nl.Number(n)} dagen"),
            Kpi("Starts boven de wachttijdnorm", Nl.Percent(beyond), view, "wachttijd.max-aandeel-boven-norm", n => beyond <= n, n => $"ten hoogste {Nl.Percent(n)}"),
            new("Budgetgebruik tegen het plafond", ceiling == 0 ? "—" : Nl.Percent((decimal)spent / ceiling), "ten hoogste 100%", ceiling == 0 || spent <= ceiling, "001 §8.2"),
        };
        if (meetings.Count > 0)
        {
            var fewest = meetings.Min(m => m.Meetings);
            kpis.Add(Kpi("Bestuurlijke overleggen per jaar (minimum)", fewest.ToString(Nl.Culture), view, "bestuur.overleggen-per-jaar", n => fewest >= n, n => $"ten minste {Nl.Number(n)}"));
        }
        kpis.AddRange(quality.Select(q => new KpiItem("Kwaliteit: " + q.Indicator, Nl.Measure(q.Value, q.Unit), q.Norm, q.Met, "001 bijlage 3")));

        return new EvaluationModel(
            reference, provider.Name, provider.AgbCode, LotName(agreement.LotCode), RegionName(agreement.RegionCode), afterYears,
            agreement.Start, agreement.End, from, to, meetings.Sum(m => m.Meetings), kpis, budget, acceptance,
            BudgetChart("Omzet tegen plafond per jaar", budget), WaitingChart(acceptance),
            Findings(f => f.SubjectKey == reference || f.SubjectKey == provider.AgbCode || f.SubjectKey.StartsWith(provider.AgbCode + "/")),
            record?.PartnerResponse ?? "", Word(record?.Proposed), "", record?.DialogueHeldOn, record?.NewCeilingCents, record?.EffectiveOn, Word(record?.Outcome),
            record?.DecidedOn);
    }

    // ---- tender ----

    public TenderModel Tender(string reference, WorkflowInstance? instance)
    {
        var tender = db.Tenders.AsNoTracking().Include(t => t.Candidates).Include(t => t.Lots).Include(t => t.Rounds).Include(t => t.Bids).Include(t => t.Adoptions).AsSplitQuery()
            .FirstOrDefault(t => t.Reference == reference) ?? throw new InputException($"Onbekende aanbesteding '{reference}'.");
        var standstillDays = (int)norms.For(tender.RegionCode, today)["aanbesteding.standstill-dagen"];
        var providers = db.Providers.AsNoTracking().ToDictionary(p => p.Id);
        var lots = db.Lots.AsNoTracking().ToDictionary(l => l.Code);
        string LotName(string code) => lots.TryGetValue(code, out var lot) ? lot.Name : code;
        var candidates = tender.Candidates.Select(c => new CandidateItem(providers[c.ProviderId].Name, providers[c.ProviderId].AgbCode, c.Admitted, c.InDialogue,
            c.RefusalReason ?? "")).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var rounds = tender.Rounds.OrderBy(r => r.Number).Select(r => new RoundItem(r.Number, r.Theme, r.HeldOn, r.ProvidersPresent, r.YouthAndParentsPresent,
            r.PartnersPresent, r.InformationSharedWithAll, r.Agreements, r.Participants.Select(p => providers[p].Name).Order(StringComparer.Ordinal).ToList(), r.Minutes)).ToList();
        var bids = tender.Bids.Select(b => new BidItem(providers[b.ProviderId].Name, providers[b.ProviderId].AgbCode, b.LotCode, LotName(b.LotCode), b.AmountCents,
                b.Scores.Select(x => new ScoreItem(x.Key, x.Value)).ToList(), tender.WeightedScore(b), b.Proposed))
            .OrderBy(b => b.Lot, StringComparer.Ordinal).ThenByDescending(b => b.Weighted).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
        var agreements = db.Agreements.AsNoTracking().Include(a => a.Ceilings).Where(a => a.TenderId == tender.Id).OrderBy(a => a.Reference).ToList()
            .Select(a => new AgreementItem(a.Reference, providers[a.ProviderId].Name, LotName(a.LotCode), a.Start, a.End,
                a.Ceilings.OrderBy(c => c.Year).Select(c => c.AmountCents).FirstOrDefault(), a.SignedOn)).ToList();
        return new TenderModel(
            reference, tender.Title, RegionName(tender.RegionCode), Nl.TenderPhase(tender.Phase),
            tender.Lots.Select(l => new LotItem(l.LotCode, LotName(l.LotCode), l.EstimatedValueCents)).ToList(),
            tender.CriteriaWeights.Select(kv => new CriterionItem(kv.Key, kv.Value)).ToList(),
            candidates, bids, bids.Where(b => b.Proposed).ToList(), rounds,
            // The minutes are of the round just recorded: the last one.
            rounds.LastOrDefault(),
            tender.IntendedAwardOn, tender.AwardDecisionSentOn, tender.StandstillEndsOn(standstillDays), tender.StandstillEndsOn(standstillDays + 1), standstillDays,
            agreements, Findings(f => f.SubjectKey == reference || f.SubjectKey.StartsWith(reference + "/")),
            DomainOperations.MunicipalitiesOf(db, tender.RegionCode).Select(m => new AdoptionItem(m.Name,
                tender.Adoptions.FirstOrDefault(a => a.MunicipalityCode == m.Code)?.AdoptedOn)).ToList());
    }

    // ---- quarterly monitor ----

    public MonitorModel Monitor(string? region, string? providerAgb, int year, int quarter)
    {
        if ((region is null) == (providerAgb is null)) throw new InputException("Een monitor is er per regio (--region) of per aanbieder (--provider).");
        if (quarter is < 1 or > 4) throw new InputException($"Kwartaal {quarter} bestaat niet (1 t/m 4).");
        if (year is < 2015 or > 2100) throw new InputException($"Jaar {year} valt buiten het bereik 2015–2100.");
        var to = Min(new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1), today);
        var from = new DateOnly(year - 2, 1, 1);
        var provider = providerAgb is null ? null : db.Providers.AsNoTracking().FirstOrDefault(p => p.AgbCode == providerAgb)
            ?? throw new InputException($"Onbekende aanbieder (AGB) '{providerAgb}'.");
        if (region is not null && !Regions.ContainsKey(region)) throw new InputException($"Onbekende regio '{region}' (bekend: {string.Join(", ", Regions.Keys)}).");
        var facts = new FactLoader(db, norms, today).Load(new CheckScope(from, to, Region: region, Provider: providerAgb));
        var view = norms.For(region ?? provider!.AccountHoldingRegionCode, to);
        var agreements = db.Agreements.AsNoTracking().ToDictionary(a => a.Reference);
        var ceilings = facts.OfType<CeilingUse>().ToList();
        // A provider is held to its agreements' ceilings; a region to the budgets its councils set (the ceilings are shared across regions).
        var budget = provider is not null ? BudgetYears(ceilings) : facts.OfType<MunicipalityBudget>().GroupBy(b => b.From.Year).OrderBy(g => g.Key)
            .Select(g =>
            {
                var frame = g.Sum(b => b.BudgetCents ?? 0);
                var spent = g.Sum(b => b.SpentCents);
                return new BudgetYear(g.Key.ToString(CultureInfo.InvariantCulture), frame, spent, frame == 0 ? 0 : (decimal)spent / frame, g.All(b => b.Elapsed >= 1));
            }).ToList();
        var regions = provider is null ? [] : SpendPerRegion(provider.Id, from, to, ceilings, agreements);
        var acceptance = AcceptanceYears(facts, view);
        var providerIds = provider is not null ? [provider.Id]
            : db.Agreements.AsNoTracking().Where(a => a.RegionCode == region || a.RegionCode == Regions[region!].ParentCode).Select(a => a.ProviderId).Distinct().ToList();
        var agbs = db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id)).Select(p => p.AgbCode).ToList();
        var quality = QualityItems(providerIds, new DateOnly(year, 1, 1), to, agbs, view.Region);
        var escalation = provider is null ? "" : db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.SubjectKey == provider.AgbCode).OrderByDescending(i => i.Id).FirstOrDefault() is { } e
            ? StateTitle(e) + (e.Completed ? " (afgesloten)" : "") : "geen escalatie";
        var signalSubjects = provider is null ? agbs.Append(region!).ToList()
            : agbs.Concat(agreements.Values.Where(a => a.ProviderId == provider.Id).Select(a => a.Reference)).ToList();
        var regionLabels = regions.Select(r => r.Label).Distinct().ToList();
        var regionNames = regions.Select(r => r.Region).Distinct().ToList();
        return new MonitorModel(
            provider is null ? "regio" : "aanbieder",
            provider?.Name ?? RegionName(region!),
            provider?.AgbCode ?? region!,
            $"{year} K{quarter}",
            new DateOnly(year, 1, 1), to,
            provider?.AccountHoldingRegionCode is { } ah ? RegionName(ah) : "",
            budget, regions, acceptance, quality,
            Findings(f => (f.RuleSet == RuleSets.Continuity || f.RuleSet == RuleSets.Budget) && signalSubjects.Contains(f.SubjectKey)),
            escalation,
            provider is null ? BudgetChart("Uitgaven tegen de budgetten van de raden per jaar", budget, "budget", "uitgaven")
                : BudgetChart("Omzet tegen plafond per jaar", budget),
            provider is null ? "budget van de raden" : "plafond",
            new Chart("Omzet per inkopende regio", "euro", regionLabels,
                regionNames.Select(n => new ChartSeries(n, regionLabels.Select(l => (regions.FirstOrDefault(r => r.Region == n && r.Label == l)?.SpentCents ?? 0) / 100m).ToList())).ToList()),
            WaitingChart(acceptance),
            new Chart("Verwijzingen en weigeringen", "aantal", acceptance.Select(a => a.Label).ToList(),
                [new ChartSeries("verwijzingen", acceptance.Select(a => (decimal)a.Referrals).ToList()), new ChartSeries("geweigerd", acceptance.Select(a => (decimal)a.Refused).ToList())]));
    }

    /// <summary>
    /// A provider's spending per purchasing region (by the municipality on the invoice) and year, against the
    /// ceilings of that region's own agreements; a supra-regional agreement's ceiling is shared and not split.
    /// </summary>
    private List<RegionUse> SpendPerRegion(int providerId, DateOnly from, DateOnly to, List<CeilingUse> ceilings, Dictionary<string, Agreement> agreements)
    {
        var municipalities = db.Municipalities.AsNoTracking().ToDictionary(m => m.CbsCode, m => m.RegionCode);
        var spend = db.InvoiceLines.AsNoTracking().Where(x => x.ProviderId == providerId && x.PeriodStart >= from && x.PeriodStart <= to)
            .GroupBy(x => new { x.MunicipalityCode, x.PeriodStart.Year }).Select(g => new { g.Key.MunicipalityCode, g.Key.Year, Cents = g.Sum(x => x.AmountCents) })
            .ToList();
        return spend.GroupBy(x => (Region: municipalities.GetValueOrDefault(x.MunicipalityCode, "?"), x.Year))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => Use(RegionName(g.Key.Region), g.Key.Year.ToString(CultureInfo.InvariantCulture),
                ceilings.Where(c => c.From.Year == g.Key.Year && agreements.TryGetValue(c.SubjectKey, out var a) && a.RegionCode == g.Key.Region).Sum(c => c.CeilingCents ?? 0),
                g.Sum(x => x.Cents)))
            .ToList();
    }

    // ---- continuity signal ----

    public ContinuityModel Continuity(string subject, WorkflowInstance? instance)
    {
        var agb = subject.Split('/')[0];
        var provider = db.Providers.AsNoTracking().FirstOrDefault(p => p.AgbCode == agb);
        var users = db.Users.AsNoTracking().ToList();
        // The steering group's measures, once one of its aldermen put them on record.
        var measuresKey = instance is null ? null : DomainOperations.MeasuresDecision(instance);
        var measures = measuresKey is null ? "" : db.Decisions.AsNoTracking().Where(d => d.Reference == measuresKey).Select(d => d.Proposal).FirstOrDefault() ?? "";
        if (provider is null)
            return new ContinuityModel(agb, agb, "", [], instance is null ? today : WorkCalendar.DateOf(instance.StartedAt),
                instance is null ? "" : StateTitle(instance), Findings(f => f.RuleSet == RuleSets.Continuity && f.SubjectKey == agb), [], null, null, null,
                measures, History(instance, users), $"Aanbieder {agb} staat niet in de registratie: er zijn geen cijfers.");
        var accountHolder = provider.AccountHoldingRegionCode;
        var agreements = db.Agreements.AsNoTracking().Where(a => a.ProviderId == provider.Id).ToList();
        var year = today.Year;
        var facts = new FactLoader(db, norms, today).Load(new CheckScope(new DateOnly(year, 1, 1), today, Provider: agb));
        var byRef = agreements.ToDictionary(a => a.Reference);
        var ceilings = facts.OfType<CeilingUse>().GroupBy(c => byRef.TryGetValue(c.SubjectKey, out var a) ? a.RegionCode : "?")
            .Select(g => Use(RegionName(g.Key), year.ToString(CultureInfo.InvariantCulture), g.Sum(c => c.CeilingCents ?? 0), g.Sum(c => c.SpentCents)))
            .OrderBy(r => r.Region, StringComparer.Ordinal).ToList();
        return new ContinuityModel(
            provider.Name, provider.AgbCode, accountHolder is null ? "" : RegionName(accountHolder),
            // The signal goes to the other regions that buy from the provider, never to the account holder itself.
            PurchasingRegions.Others(db, provider).Select(RegionName).ToList(),
            instance is null ? today : WorkCalendar.DateOf(instance.StartedAt),
            instance is null ? "" : StateTitle(instance),
            Findings(f => f.RuleSet == RuleSets.Continuity && f.SubjectKey == agb),
            ceilings, provider.Solvency, provider.CurrentRatio, provider.ResultCents, measures,
            History(instance, users), "");
    }

    // ---- shared pieces ----

    private List<FindingItem> Findings(System.Linq.Expressions.Expression<Func<Finding, bool>> where) =>
        db.Findings.AsNoTracking().Where(f => f.Status == FindingStatus.Open).Where(where)
            .OrderByDescending(f => f.Severity).ThenBy(f => f.RuleId).ThenBy(f => f.PeriodStart).Take(200).AsEnumerable()
            .Select(f => new FindingItem(f.Id, f.RuleId, f.RuleSet, Nl.Severity(f.Severity), f.SubjectKey,
                f.PeriodStart == FactLoader.Timeless ? "" : Nl.Period(f.PeriodStart, f.PeriodEnd), f.Explanation, f.Source)).ToList();

    private static List<BudgetYear> BudgetYears(IEnumerable<CeilingUse> ceilings) => ceilings.GroupBy(c => c.From.Year).OrderBy(g => g.Key)
        .Select(g =>
        {
            var ceiling = g.Sum(c => c.CeilingCents ?? 0);
            var spent = g.Sum(c => c.SpentCents);
            return new BudgetYear(g.Key.ToString(CultureInfo.InvariantCulture), ceiling, spent, ceiling == 0 ? 0 : (decimal)spent / ceiling, g.All(c => c.Elapsed >= 1));
        }).ToList();

    private static RegionUse Use(string region, string label, long ceiling, long spent) => new(region, label, ceiling, spent, ceiling == 0 ? 0 : (decimal)spent / ceiling);

    private static List<AcceptanceYear> AcceptanceYears(List<Fact> facts, NormView view)
    {
        var referrals = facts.OfType<ReferralStats>().ToLookup(r => r.From.Year);
        var waiting = facts.OfType<WaitingStats>().ToLookup(w => w.From.Year);
        return referrals.Select(g => g.Key).Union(waiting.Select(g => g.Key)).Order().Select(year =>
        {
            var w = waiting[year].ToList();
            var started = w.Sum(x => x.Started);
            return new AcceptanceYear(year.ToString(CultureInfo.InvariantCulture), referrals[year].Sum(r => r.Total), referrals[year].Sum(r => r.Refused),
                referrals[year].Sum(r => r.AnsweredLate), started, w.Sum(x => x.StartedBeyondNorm),
                started == 0 ? 0 : Math.Round((decimal)w.Sum(x => x.TotalWaitingDays) / started, 1),
                w.FirstOrDefault()?.Norms["wachttijd.norm-dagen"] ?? view["wachttijd.norm-dagen"]);
        }).ToList();
    }

    /// <summary>
    /// The latest figure per quality indicator (for several providers, the mean of each one's latest figure);
    /// met unless a quality finding on that indicator stands for one of the providers.
    /// </summary>
    private List<QualityItem> QualityItems(IReadOnlyCollection<int> providerIds, DateOnly from, DateOnly to, List<string> agbs, string? region)
    {
        var open = db.Findings.AsNoTracking().Where(f => f.Status == FindingStatus.Open && f.RuleSet == RuleSets.Quality && agbs.Contains(f.SubjectKey))
            .Select(f => f.RuleId).ToHashSet();
        return db.QualityMeasurements.AsNoTracking().Where(q => providerIds.Contains(q.ProviderId) && q.PeriodEnd >= from && q.PeriodEnd <= to).ToList()
            .GroupBy(q => q.Indicator).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.GroupBy(q => q.ProviderId).Select(p => p.OrderByDescending(q => q.PeriodEnd).First()).ToList();
                var key = "kwaliteit." + g.Key;
                var unit = norms.All.FirstOrDefault(n => n.Key == key)?.Unit ?? "";
                var norm = unit.Length > 0 ? Nl.Measure(norms.Value(key, region, to), unit) : "—";
                var period = latest.Count == 1 ? Nl.Period(latest[0].PeriodStart, latest[0].PeriodEnd) : $"gemiddelde van {latest.Count} aanbieders";
                return new QualityItem(g.Key, Math.Round(latest.Average(q => q.Value), 2), unit, norm, !open.Contains(key), period);
            }).ToList();
    }

    private static KpiItem Kpi(string name, string value, NormView view, string normKey, Func<decimal, bool> met, Func<decimal, string> normText)
    {
        var norm = view[normKey];
        return new KpiItem(name, value, normText(norm), met(norm), normKey);
    }

    private static Chart BudgetChart(string title, List<BudgetYear> budget, string limit = "plafond", string use = "omzet") =>
        new(title, "euro", budget.Select(b => b.Complete ? b.Label : b.Label + " (lopend)").ToList(),
            [new ChartSeries(limit, budget.Select(b => b.CeilingCents / 100m).ToList()), new ChartSeries(use, budget.Select(b => b.SpentCents / 100m).ToList())]);

    private static Chart WaitingChart(List<AcceptanceYear> acceptance) => new("Gemiddelde wachttijd tot start zorg", "dagen", acceptance.Select(a => a.Label).ToList(),
        [new ChartSeries("wachttijd (dagen)", acceptance.Select(a => a.MeanWaitingDays).ToList())], acceptance.LastOrDefault()?.NormDays, "wachttijdnorm", Lines: true);

    /// <summary>An audit entry of the instance with its details parsed.</summary>
    private sealed record TrailEntry(AuditEntry Entry, JsonNode? Details)
    {
        public string? Trigger => (string?)Details?["trigger"];
        public DateOnly On => WorkCalendar.DateOf(Entry.At);

        public Dictionary<string, string> Parameters =>
            (Details?["parameters"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "") ?? [];
    }

    private readonly Dictionary<long, List<TrailEntry>> _trails = [];
    private readonly Dictionary<(string, int), WorkflowDefinition?> _definitions = [];

    /// <summary>The instance's audit trail, read once per document.</summary>
    private List<TrailEntry> Trail(WorkflowInstance? instance)
    {
        if (instance is null) return [];
        if (_trails.TryGetValue(instance.Id, out var trail)) return trail;
        var key = instance.Id.ToString(CultureInfo.InvariantCulture);
        return _trails[instance.Id] = db.AuditEntries.AsNoTracking().Where(a => a.SubjectType == "WorkflowInstance" && a.SubjectKey == key)
            .OrderBy(a => a.Sequence).ToList()
            .Select(a => new TrailEntry(a, JsonNode.Parse(a.DetailsJson))).ToList();
    }

    /// <summary>The definition version the instance runs on, as stored when it started.</summary>
    private WorkflowDefinition? Definition(WorkflowInstance instance)
    {
        var key = (instance.DefinitionId, instance.DefinitionVersion);
        if (_definitions.TryGetValue(key, out var definition)) return definition;
        var stored = db.Set<StoredDefinition>().AsNoTracking().FirstOrDefault(d => d.DefinitionId == key.DefinitionId && d.DefinitionVersion == key.DefinitionVersion);
        return _definitions[key] = stored is null ? null : new DefinitionLoader(RuleSets.Known, _ => true).Load(stored.Yaml, stored.DefinitionId);
    }

    /// <summary>Who did what on the instance: the mandate chain as recorded in the audit trail.</summary>
    private List<StepItem> History(WorkflowInstance? instance, List<User> users)
    {
        if (instance is null) return [];
        var definition = Definition(instance);
        return Trail(instance).Select(t =>
        {
            var user = users.FirstOrDefault(u => u.Login == t.Entry.Actor);
            var role = user?.RegionCode is { } rc && user.HasRole(Roles.Alderman) ? "wethouder " + RegionName(rc) : user?.RolesText ?? t.Entry.Actor;
            var what = t.Entry.Action switch
            {
                WorkflowAudit.Started => "Gestart",
                WorkflowAudit.Approved => "Goedgekeurd voor " + RegionName((string?)t.Details?["regio"] ?? ""),
                _ when t.Trigger is { } trigger => definition?.Trigger(trigger)?.Title ?? trigger,
                _ => t.Entry.Action,
            };
            if (t.Entry.Action == WorkflowAudit.Transition && t.Details?["parameters"]?["reden"] is { } reason) what += $" (reden: {reason})";
            return new StepItem(t.On, user?.DisplayName ?? t.Entry.Actor, role, what);
        }).ToList();
    }

    /// <summary>
    /// The aldermen's approvals of a joint trigger (quorum: regions): each recorded approval, and the last one,
    /// which is the transition itself.
    /// </summary>
    private List<ApprovalItem> Approvals(WorkflowInstance instance, List<User> users)
    {
        var definition = Definition(instance);
        return Trail(instance)
            .Where(t => t.Entry.Action == WorkflowAudit.Approved
                        || (t.Entry.Action == WorkflowAudit.Transition && t.Trigger is { } trigger && definition?.Trigger(trigger)?.RegionQuorum == true))
            .Select(t => (t, user: users.FirstOrDefault(u => u.Login == t.Entry.Actor)))
            .Where(x => x.user?.RegionCode is not null)
            .Select(x => new ApprovalItem(RegionName(x.user!.RegionCode!), x.user.DisplayName, x.t.On)).ToList();
    }

    private string StateTitle(WorkflowInstance instance) =>
        Definition(instance)?.States.FirstOrDefault(s => s.Id == instance.State)?.Title ?? instance.State;

    private string LotName(string code) => db.Lots.AsNoTracking().Where(l => l.Code == code).Select(l => l.Name).FirstOrDefault() ?? code;

    private static string Display(List<User> users, string login) => users.FirstOrDefault(u => u.Login == login)?.DisplayName ?? login;

    private static string? Text(JsonObject data, string field) => data[field] is { } node
        ? Value.FromJson(node).Raw switch
        {
            null => null,
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var raw => Convert.ToString(raw, CultureInfo.InvariantCulture),
        }
        : null;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
