using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;
using Verwerving.Privacy;
using static Verwerving.Demo.DemoCase;

namespace Verwerving.Demo;

public sealed record RegionFigures(string Code, string Name, int Municipalities, int YouthPopulation, int ClientsInCare, double ShareInCare,
    long SpendCents, long BudgetCents);

public sealed record DemoSummary(
    int Seed, string Database, int Year, IReadOnlyList<RegionFigures> Regions, int Providers, string LargestProvider,
    string AccountHoldingRegion, int Lots, int Referrals, int RefusedReferrals, int CarePeriods, int InvoiceLines, long InvoicedCents,
    double ClientGrowth, double CostGrowth, int Agreements, int BudgetFrames, int QualityMeasurements,
    IReadOnlyList<string> Users, long Fingerprint, double Seconds);

/// <summary>
/// Builds a fresh demo database: deterministic for a seed, calibrated on the seeds' figures, at the size
/// of a real region-year (thousands of referrals, tens of thousands of invoice lines per year).
/// </summary>
public sealed class DemoGenerator(VerwervingDb db, Pseudonymizer pseudonymizer, int seed)
{
    public const int DefaultSeed = 2021;
    public static int FirstYear => Years[0];
    private static readonly DateOnly DataEnd = new(2025, 12, 31);
    private static readonly DateOnly InvoicesFrom = new(2023, 1, 1);
    public static readonly DateTime DemoNow = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    private readonly Random _rng = new(seed);
    private readonly HashSet<string> _bsns = [];
    private readonly Dictionary<string, string> _regionOf = Municipalities().ToDictionary(m => m.CbsCode, m => m.RegionCode);
    private readonly Dictionary<(string Municipality, int Year), long> _spendByMunicipality = [];
    private readonly Dictionary<(int Provider, string Lot, int Year), long> _spendByProviderLot = [];
    private readonly Dictionary<(int Provider, string Region), long> _spendByProviderRegion = [];
    private long _fingerprint = 17;
    private int _invoiceLines;
    private long _invoiced;

    public DemoSummary Generate(string databaseName)
    {
        var clock = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        using var tx = db.Database.BeginTransaction();

        db.Regions.AddRange(Regions());
        var municipalities = Municipalities();
        db.Municipalities.AddRange(municipalities);
        db.Lots.AddRange(Lots.Select(l => new Lot(l.Code, l.Name, l.Category)));
        var providers = DemoCase.Providers.Select(p => new Provider(p.Agb, p.Name)).ToList();
        db.Providers.AddRange(providers);
        db.SaveChanges();

        var (referrals, refused, carePeriods) = GenerateCare(municipalities, providers);
        var budgets = GenerateBudgets(municipalities);
        var accountHolder = AppointAccountHolders(providers);
        var tender = GenerateTender(providers);
        var agreements = GenerateAgreements(providers, tender);
        var quality = GenerateQuality(providers);
        var users = GenerateUsers(providers);
        db.Settings.Add(new Setting("demo.seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // The demo runs on simulated time from the PHO's award decision in 2022; DemoWorkflows moves it to DemoNow.
        db.Settings.Add(new Setting(Workflows.DatabaseClock.SettingKey, DemoWorkflows.ClockStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        db.SaveChanges();
        db.Audit(DemoNow, "systeem", "demo.aangemaakt", "Database", databaseName, $$"""{"seed":{{seed}}}""");
        db.SaveChanges();
        tx.Commit();
        db.ChangeTracker.AutoDetectChangesEnabled = true;

        var last = Years[^1];
        var regions = Regions().Where(r => r.Kind == RegionKind.Region).Select(r =>
        {
            var ms = municipalities.Where(m => m.RegionCode == r.Code).ToList();
            var codes = ms.Select(m => m.CbsCode).ToHashSet();
            var clients = db.CarePeriods.Where(c => codes.Contains(c.MunicipalityCode) && c.StartedOn <= new DateOnly(last, 12, 31)
                                                    && (c.EndedOn == null || c.EndedOn >= new DateOnly(last, 1, 1)))
                .Select(c => c.ClientPseudonym).Distinct().Count();
            var youth = ms.Sum(m => m.YouthPopulation);
            return new RegionFigures(r.Code, r.Name, ms.Count, youth, clients, (double)clients / youth,
                ms.Sum(m => _spendByMunicipality.GetValueOrDefault((m.CbsCode, last))),
                budgets.Where(b => codes.Contains(b.MunicipalityCode) && b.Year == last).Sum(b => b.AmountCents));
        }).ToList();

        var clientsFirst = ClientsInYear(Years[0]);
        var clientsLast = ClientsInYear(last);
        var costFirst = _spendByMunicipality.Where(kv => kv.Key.Year == Years[0]).Sum(kv => kv.Value);
        var costLast = _spendByMunicipality.Where(kv => kv.Key.Year == last).Sum(kv => kv.Value);
        var largest = providers.MaxBy(p => _spendByProviderRegion.Where(kv => kv.Key.Provider == p.Id).Sum(kv => kv.Value))!;

        return new DemoSummary(seed, databaseName, last, regions, providers.Count, largest.Name, accountHolder, Lots.Length, referrals, refused,
            carePeriods, _invoiceLines, _invoiced, (double)clientsLast / clientsFirst - 1, (double)costLast / costFirst - 1, agreements, budgets.Count,
            quality, users, _fingerprint, clock.Elapsed.TotalSeconds);
    }

    private int ClientsInYear(int year)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return db.CarePeriods.Where(c => c.StartedOn <= to && (c.EndedOn == null || c.EndedOn >= from)).Select(c => c.ClientPseudonym).Distinct().Count();
    }

    private (int Referrals, int Refused, int CarePeriods) GenerateCare(Municipality[] municipalities, List<Provider> providers)
    {
        var profileByAgb = DemoCase.Providers.ToDictionary(p => p.Agb);
        var referralCount = 0;
        var refusedCount = 0;
        var careCount = 0;
        var sequence = 0;
        var lineSequence = 0L;
        using var writer = new PreparedInsert<InvoiceLine>(db);

        // One warm-up year so the first full year already has care that started before it.
        foreach (var year in new[] { Years[0] - 1 }.Concat(Years))
        {
            var pending = new List<(Referral Referral, DemoCase.LotProfile Lot, int ProviderId)>();
            foreach (var m in municipalities)
            {
                var region = m.RegionCode;
                foreach (var lot in Lots)
                {
                    var target = m.YouthPopulation * ShareInCare(region) * lot.ClientShare * Math.Pow(lot.ClientGrowth2y, (year - Years[^1]) / 2.0);
                    // Care that started the year before is still running: fewer starts than clients in care.
                    var starts = (int)Math.Round(0.88 * target / (1 + Math.Min(lot.DurationMonths, 24) / 24.0) * (0.95 + 0.1 * _rng.NextDouble()));
                    var candidates = providers.Select(p => (p, share: Share(profileByAgb[p.AgbCode], lot.Code, region))).Where(x => x.share > 0).ToList();
                    for (var i = 0; i < starts; i++)
                    {
                        var provider = Pick(candidates);
                        var profile = profileByAgb[provider.AgbCode];
                        var referredOn = new DateOnly(year, 1, 1).AddDays(_rng.Next(DateTime.IsLeapYear(year) ? 366 : 365));
                        var complexity = _rng.NextDouble() < lot.ComplexShare ? Complexity.Complex : Complexity.Light;
                        var client = pseudonymizer.Pseudonymize(NewBsn());
                        var referral = new Referral($"VW-{year}-{++sequence:D6}", client, m.CbsCode, lot.Code, provider.Id, Referrer(lot), complexity, referredOn);
                        referralCount++;
                        var answeredOn = referredOn.AddDays(_rng.Next(0, complexity == Complexity.Complex ? 8 : 6));
                        if (_rng.NextDouble() < profile.RefusalRate * (complexity == Complexity.Complex ? 3 : 0.3) && candidates.Count > 1)
                        {
                            referral.Refuse(answeredOn, complexity == Complexity.Complex ? "Complexe problematiek past niet in ons aanbod" : "Geen capaciteit");
                            refusedCount++;
                            db.Referrals.Add(referral);
                            var other = Pick(candidates.Where(c => c.p.Id != provider.Id).ToList());
                            referral = new Referral($"VW-{year}-{++sequence:D6}", client, m.CbsCode, lot.Code, other.Id, referral.Referrer, complexity, answeredOn);
                            referralCount++;
                            answeredOn = answeredOn.AddDays(_rng.Next(0, 5));
                            provider = other;
                        }
                        referral.Accept(answeredOn);
                        db.Referrals.Add(referral);
                        pending.Add((referral, lot, provider.Id));
                    }
                }
            }
            db.SaveChanges();
            db.ChangeTracker.Clear();

            foreach (var (referral, lot, providerId) in pending)
            {
                var assigned = referral.AnsweredOn!.Value;
                var care = new CarePeriod($"TW-{referral.Reference[3..]}", referral.ClientPseudonym, providerId, referral.MunicipalityCode, lot.Code,
                    lot.ProductCode, assigned, referral.Id);
                var wait = (int)Math.Min(200, -Math.Log(1 - _rng.NextDouble()) * lot.MeanWaitDays);
                var started = assigned.AddDays(wait);
                if (started > DataEnd) { db.CarePeriods.Add(care); careCount++; continue; }
                care.Start(started);
                var days = (int)Math.Max(7, lot.DurationMonths * 30.4 * (0.4 + 1.2 * _rng.NextDouble()));
                var ended = started.AddDays(days);
                if (ended <= DataEnd) care.Stop(ended, EndReason(providerId, providers));
                db.CarePeriods.Add(care);
                careCount++;
                lineSequence = Invoice(writer, care, lot, lineSequence, providers.First(p => p.Id == providerId));
            }
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
        return (referralCount, refusedCount, careCount);
    }

    private long Invoice(PreparedInsert<InvoiceLine> writer, CarePeriod care, DemoCase.LotProfile lot, long lineSequence, Provider provider)
    {
        var from = care.StartedOn!.Value < InvoicesFrom ? InvoicesFrom : care.StartedOn.Value;
        var to = care.EndedOn is { } e && e < DataEnd ? e : DataEnd;
        var region = _regionOf[care.MunicipalityCode];
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            var start = month < from ? from : month;
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var end = monthEnd > to ? to : monthEnd;
            var days = end.DayNumber - start.DayNumber + 1;
            var perClient = lot.CostPerClient * Math.Pow(lot.CostGrowth2y / lot.ClientGrowth2y, (month.Year - Years[^1]) / 2.0);
            var monthly = perClient / Math.Min(12, Math.Max(1, lot.DurationMonths));
            var cents = (long)Math.Round(monthly * 100 * days / DateTime.DaysInMonth(month.Year, month.Month) * (0.9 + 0.2 * _rng.NextDouble()));
            var line = new InvoiceLine($"DC-{++lineSequence:D9}", provider.Id, care.MunicipalityCode, lot.Code, lot.ProductCode, care.ClientPseudonym,
                start, end, days, cents);
            writer.Write(line);
            _invoiceLines++;
            _invoiced += cents;
            _fingerprint = unchecked(_fingerprint * 31 + cents);
            Add(_spendByMunicipality, (care.MunicipalityCode, month.Year), cents);
            Add(_spendByProviderLot, (provider.Id, lot.Code, month.Year), cents);
            Add(_spendByProviderRegion, (provider.Id, region), cents);
        }
        return lineSequence;
    }

    private List<BudgetFrame> GenerateBudgets(Municipality[] municipalities)
    {
        // IJmond's budget lags behind its growth, as the seeds describe (001 §2): some of its councils overspend.
        var frames = new List<BudgetFrame>();
        foreach (var m in municipalities)
            foreach (var year in Years)
            {
                var spend = _spendByMunicipality.GetValueOrDefault((m.CbsCode, year));
                var factor = m.RegionCode == IJmond ? 0.94 + 0.06 * _rng.NextDouble() : 1.01 + 0.05 * _rng.NextDouble();
                frames.Add(new BudgetFrame(m.CbsCode, year, (long)Math.Round(spend * factor / 100_000.0) * 100_000));
            }
        db.BudgetFrames.AddRange(frames);
        return frames;
    }

    private string AppointAccountHolders(List<Provider> providers)
    {
        foreach (var provider in providers)
        {
            var byRegion = _spendByProviderRegion.Where(kv => kv.Key.Provider == provider.Id).ToList();
            if (byRegion.Count < 2) continue;
            var largest = byRegion.MaxBy(kv => kv.Value).Key.Region;
            db.Attach(provider);
            provider.AppointAccountHolder(largest);
            var solvency = provider.AgbCode == DemoCase.Providers[0].Agb ? 0.14m : 0.22m + (decimal)_rng.Next(0, 20) / 100;
            provider.RecordAnnualAccounts(solvency, provider.AgbCode == DemoCase.Providers[0].Agb ? 0.92m : 1.3m, 250_000_00);
            db.Entry(provider).State = EntityState.Modified;
        }
        var first = providers[0];
        return Regions().First(r => r.Code == first.AccountHoldingRegionCode).Name;
    }

    private Tender GenerateTender(List<Provider> providers)
    {
        var tender = new Tender("ZKIJ-2022-01", "Jeugdhulp Zuid-Kennemerland en IJmond 2023–2031", SupraRegional);
        foreach (var lot in Lots)
            tender.AddLot(lot.Code, Years.Sum(y => _spendByProviderLot.Where(kv => kv.Key.Lot == lot.Code && kv.Key.Year == y).Sum(kv => kv.Value)) * 3);
        tender.SetAwardCriteria(new Dictionary<string, int> { ["kwaliteit"] = 60, ["samenwerking"] = 25, ["prijs"] = 15 });
        tender.MoveTo(TenderPhase.Announced);
        var candidates = providers.Select(p => (p, c: tender.Apply(p.Id))).ToList();
        foreach (var (_, c) in candidates)
        {
            c.Admit();
            c.JoinDialogue();
        }
        tender.MoveTo(TenderPhase.Dialogue);
        tender.RecordRound("Visie en uitgangspunten: normaliseren en thuis opgroeien", new DateOnly(2022, 3, 10), providers.Count, true, true, true,
            "Eén plan per gezin; de wijkteams zijn de toegang.");
        // The second round's answers went only to the candidates present: the procurement rules flag it.
        tender.RecordRound("Acceptatieplicht en wachttijden", new DateOnly(2022, 4, 14), providers.Count - 2, true, true, false,
            "Geen weigeringen binnen het perceel; wachttijd volgens de Treeknormen.");
        // The third round was held without youths and parents, against 001 §1.2.
        tender.RecordRound("Bekostiging, plafonds en continuïteit", new DateOnly(2022, 5, 19), providers.Count, false, true, true,
            "Jaarlijkse omzetplafonds; de accounthoudende regio bewaakt de continuïteit.");
        tender.MoveTo(TenderPhase.FinalBids);
        foreach (var (p, _) in candidates)
            foreach (var lot in tender.Lots.Where(l => _spendByProviderLot.Keys.Any(k => k.Provider == p.Id && k.Lot == l.LotCode)))
                // Every bid on a lot the provider serves was awarded: the region contracts all of them (the strategic ones as partners).
                tender.RecordHistoricBid(p.Id, lot.LotCode, Math.Max(1, _spendByProviderLot.Where(kv => kv.Key.Provider == p.Id && kv.Key.Lot == lot.LotCode)
                    .Sum(kv => kv.Value) / Years.Length), new DateOnly(2022, 6, 30),
                    new Dictionary<string, decimal> { ["kwaliteit"] = Score(), ["samenwerking"] = Score(), ["prijs"] = Score() }, proposed: true);
        tender.DecideIntendedAward(new DateOnly(2022, 9, 15));
        tender.LinkAwardDecision("PHO-2022-09");
        tender.SendAwardDecision(new DateOnly(2022, 9, 16), new DateOnly(2022, 9, 16));
        tender.MoveTo(TenderPhase.Awarded);
        tender.MoveTo(TenderPhase.Contracted);
        db.Tenders.Add(tender);

        // The next tender is still being prepared: the workflow walkthrough in the README starts it.
        var next = new Tender("ZKIJ-2026-01", "Jeugdbescherming en jeugdreclassering 2027–2035", SupraRegional);
        next.AddLot("JB-JR", 40_000_000_00);
        // A draft whose weights do not add up to 100%: the procurement rules catch it before announcement.
        next.SetAwardCriteria(new Dictionary<string, int> { ["kwaliteit"] = 55, ["prijs"] = 30, ["samenwerking"] = 10 });
        db.Tenders.Add(next);
        db.SaveChanges();
        return tender;
    }

    private int GenerateAgreements(List<Provider> providers, Tender tender)
    {
        var count = 0;
        foreach (var p in providers)
        {
            var profile = DemoCase.Providers.First(x => x.Agb == p.AgbCode);
            foreach (var lot in profile.Shares.Keys.Where(l => _spendByProviderLot.Keys.Any(k => k.Provider == p.Id && k.Lot == l)))
            {
                var start = AgreementStart;
                var agreement = new Agreement($"SO-{p.AgbCode[4..]}-{lot}", p.Id, lot, SupraRegional, start, start.AddYears(Agreement.StrategicTermYears).AddDays(-1),
                    profile.Strategic, tender.Id);
                agreement.Sign(new DateOnly(2022, 11, 1));
                foreach (var year in Years)
                    agreement.SetCeiling(year, (long)(_spendByProviderLot.GetValueOrDefault((p.Id, lot, year)) * profile.CeilingHeadroom));
                db.Agreements.Add(agreement);
                count++;
            }
        }
        return count;
    }

    private int GenerateQuality(List<Provider> providers)
    {
        var count = 0;
        foreach (var p in providers)
        {
            var profile = DemoCase.Providers.First(x => x.Agb == p.AgbCode);
            for (var q = 0; q < Years.Length * 4; q++)
            {
                var from = new DateOnly(Years[0], 1, 1).AddMonths(3 * q);
                var to = from.AddMonths(3).AddDays(-1);
                void Add(string indicator, decimal value, int? basis = null)
                {
                    db.QualityMeasurements.Add(new QualityMeasurement(p.Id, indicator, from, to, value, basis));
                    count++;
                }
                var weak = profile.ShortLogin == "kleinschalig";
                Add("geregistreerde-professionals", Round(weak ? 0.66 + 0.06 * _rng.NextDouble() : 0.80 + 0.15 * _rng.NextDouble()));
                Add("clienttevredenheid", Round(weak ? 6.4 + _rng.NextDouble() : 7.2 + _rng.NextDouble(), 1), _rng.Next(20, 160));
                Add("respons", Round(0.15 + 0.3 * _rng.NextDouble()));
                Add("evidence-based", Round(0.35 + 0.4 * _rng.NextDouble()));
                if (!profile.Shares.ContainsKey("JZPLUS")) continue;
                // Closed care (004 ch. 5): isolations fall towards zero, group size at most six, Big 5 at discharge.
                Add("gedwongen-afzonderingen", Math.Max(0, 9 - q + _rng.Next(-1, 2)));
                Add("doorplaatsingen", _rng.Next(0, 3));
                Add("groepsgrootte", q == 7 ? 7 : 6 - _rng.Next(0, 3));
                Add("big5-op-orde", Round(0.55 + 0.35 * q / (Years.Length * 4.0)));
                Add("plaatsing-buiten-provincie", q % 5 == 2 ? 1 : 0);
                Add("integraal-plan", Round(0.85 + 0.15 * _rng.NextDouble()));
                Add("risicotaxatie", Round(0.9 + 0.1 * _rng.NextDouble()));
            }
        }
        return count;
    }

    private List<string> GenerateUsers(List<Provider> providers)
    {
        var users = new List<User>
        {
            new("contractmanager", "Contractmanager jeugdhulp ZK/IJmond", [Roles.ContractManager], ZuidKennemerland),
            new("controller", "Controller sociaal domein", [Roles.Controller], ZuidKennemerland),
            new("accounthouder", "Accountmanager accounthoudende regio", [Roles.ContractManager, Roles.Official], ZuidKennemerland),
            new("wethouder.zk", "Wethouder jeugd Zuid-Kennemerland", [Roles.Alderman], ZuidKennemerland),
            new("wethouder.ijmond", "Wethouder jeugd IJmond", [Roles.Alderman], IJmond),
            new("kernteam", "Kernteam jeugd ZK/IJmond", [Roles.CoreTeam], SupraRegional),
            new($"aanbieder.{DemoCase.Providers[0].ShortLogin}", $"Contactpersoon {providers[0].Name}", [Roles.Provider], providerId: providers[0].Id),
            new($"aanbieder.{DemoCase.Providers[1].ShortLogin}", $"Contactpersoon {providers[1].Name}", [Roles.Provider], providerId: providers[1].Id),
        };
        db.Users.AddRange(users);
        return users.Select(u => u.Login).ToList();
    }

    private static double Share(DemoCase.ProviderProfile profile, string lot, string region) =>
        profile.Shares.TryGetValue(lot, out var s) ? (region == ZuidKennemerland ? s.Zk : s.Ij) : 0;

    private Provider Pick(List<(Provider p, double share)> candidates)
    {
        var total = candidates.Sum(c => c.share);
        var x = _rng.NextDouble() * total;
        foreach (var (p, share) in candidates)
        {
            x -= share;
            if (x < 0) return p;
        }
        return candidates[^1].p;
    }

    private ReferrerType Referrer(DemoCase.LotProfile lot)
    {
        if (lot.Code == "JB-JR") return _rng.NextDouble() < 0.7 ? ReferrerType.CertifiedInstitution : ReferrerType.YouthJudge;
        var x = _rng.NextDouble();
        foreach (var (type, share) in ReferrerMix)
        {
            x -= share;
            if (x < 0) return type;
        }
        return ReferrerType.AccessTeam;
    }

    // iJw RedenBeeindiging: 01 treatment completed per plan, 33 ended one-sidedly by the provider, 38 switch of provider.
    private string EndReason(int providerId, List<Provider> providers)
    {
        var x = _rng.NextDouble();
        var oneSided = providerId == providers[0].Id ? 0.03 : 0.005;
        return x < oneSided ? CarePeriod.EndedOneSidedlyByProvider : x < oneSided + 0.04 ? "38" : "01";
    }

    private string NewBsn()
    {
        while (true)
        {
            var digits = new int[9];
            for (var i = 0; i < 8; i++) digits[i] = _rng.Next(10);
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += digits[i] * (9 - i);
            digits[8] = sum % 11;
            if (digits[8] == 10) continue;
            var bsn = string.Concat(digits);
            if (Pseudonymizer.IsValidBsn(bsn) && _bsns.Add(bsn)) return bsn;
        }
    }

    // Its own sequence, so the scores leave the rest of the demo's figures as they were.
    private readonly Random _scores = new(2022);
    private decimal Score() => Math.Round(6 + 3.5m * (decimal)_scores.NextDouble(), 1);

    private static decimal Round(double value, int digits = 3) => Math.Round((decimal)value, digits);

    private static void Add<TKey>(Dictionary<TKey, long> sums, TKey key, long cents) where TKey : notnull =>
        sums[key] = sums.GetValueOrDefault(key) + cents;
}
