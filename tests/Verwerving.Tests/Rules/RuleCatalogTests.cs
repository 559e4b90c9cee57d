using Verwerving.Domain;
using Verwerving.Rules;

namespace Verwerving.Tests.Rules;

/// <summary>Every rule fires on the case it names and stays silent on the near miss, with the default norms.</summary>
public class RuleCatalogTests
{
    internal static readonly NormBook Norms = NormBook.Load();
    private static readonly DateOnly Y2025 = new(2025, 1, 1);
    private static readonly DateOnly End2025 = new(2025, 12, 31);
    private static readonly DateOnly Today = new(2026, 1, 5);

    private static NormView N(string? region = "ZK", DateOnly? at = null) => Norms.For(region, at ?? End2025);

    internal static ReferralStats Referrals(int lightTotal = 100, int lightAccepted = 100, int complexTotal = 50, int complexAccepted = 50, int refused = 0,
        int answered = 150, int late = 0, bool strategic = true, string region = "ZK", DateOnly? to = null) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = $"71000011/AMB-OV/{region}", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = to ?? End2025,
        Norms = N(region, to ?? End2025), ProviderAgb = "71000011", LotCode = "AMB-OV", LotName = "Overig ambulant", Region = region, StrategicPartner = strategic,
        LightTotal = lightTotal, LightAccepted = lightAccepted, ComplexTotal = complexTotal, ComplexAccepted = complexAccepted, Refused = refused,
        Answered = answered, AnsweredLate = late,
    };

    internal static WaitingStats Waiting(int started = 100, int beyond = 0, int waitingNow = 0, string region = "ZK", DateOnly? to = null) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = $"71000011/AMB-OV/{region}", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = to ?? End2025,
        Norms = N(region, to ?? End2025), ProviderAgb = "71000011", LotCode = "AMB-OV", LotName = "Overig ambulant", Region = region,
        Started = started, StartedBeyondNorm = beyond, WaitingBeyondNormNow = waitingNow,
    };

    private static QualityFigure Quality(string indicator, decimal value, DateOnly? to = null) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = $"71000011/{indicator}", Name = "Kennemer Jeugd & GGZ", From = new DateOnly(2025, 10, 1),
        To = to ?? End2025, Norms = N("ZK", to ?? End2025), Indicator = indicator, Value = value,
    };

    internal static MunicipalityBudget Budget(long budget = 10_000_000_00, long spent = 5_000_000_00, long proRata = 5_000_000_00, decimal elapsed = 0.5m, bool frame = true) => new()
    {
        SubjectType = Subjects.Municipality, SubjectKey = "0392", Name = "Haarlem", From = Y2025, To = new DateOnly(2025, 7, 2), Norms = N("ZK"),
        BudgetCents = frame ? budget : null, SpentCents = spent, ProRataCents = proRata, Elapsed = elapsed,
    };

    private static CeilingUse Ceiling(long ceiling = 1_000_000_00, long spent = 500_000_00, decimal elapsed = 1m) => new()
    {
        SubjectType = Subjects.Agreement, SubjectKey = "SO-0011-AMB-OV", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = End2025, Norms = N(),
        ProviderAgb = "71000011", CeilingCents = ceiling, SpentCents = spent, Elapsed = elapsed,
    };

    private static ProviderContinuity Continuity(int near = 0, int stops = 0, decimal? mean = null, decimal? previous = null) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = "71000011", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = End2025, Norms = N(),
        NearCeilings = near, NearCeilingAgreements = Enumerable.Range(1, near).Select(i => $"SO-{i}").ToList(), OneSidedStops = stops,
        MeanWaitingDays = mean, PreviousMeanWaitingDays = previous,
    };

    private static ProviderFinances Finances(decimal solvency = 0.3m, decimal ratio = 1.2m, long result = 100_000_00) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = "71000011", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = End2025, Norms = N(),
        Solvency = solvency, CurrentRatio = ratio, ResultCents = result,
    };

    internal static TenderFacts Tender(TenderPhase phase = TenderPhase.Dialogue, int admitted = 3, int? weights = null, int outside = 0,
        DateOnly? sent = null, DateOnly? awarded = null) => new()
    {
        SubjectType = Subjects.Tender, SubjectKey = "ZKIJ-2026-01", Name = "Jeugdbescherming", From = FactLoader.Timeless, To = FactLoader.Timeless,
        Norms = N("ZKIJ", Today), Phase = phase, Admitted = admitted, CriteriaWeightSum = weights, CriteriaText = "kwaliteit, prijs",
        BidsOutsideDialogue = outside, IntendedAwardOn = sent, AwardSentOn = sent, AwardedOn = awarded,
    };

    private static DialogueRoundFacts Round(bool youth = true, bool shared = true) => new()
    {
        SubjectType = Subjects.Tender, SubjectKey = "ZKIJ-2026-01/ronde-2", Name = "ZKIJ-2026-01", From = new DateOnly(2026, 3, 1), To = new DateOnly(2026, 3, 1),
        Norms = N("ZKIJ"), Number = 2, Theme = "Acceptatieplicht", YouthAndParentsPresent = youth, InformationSharedWithAll = shared, ProvidersPresent = 5,
    };

    private static DecisionFacts Decision(DecisionStatus status = DecisionStatus.Decided, string[]? approved = null, string[]? nonAldermen = null,
        bool councils = false, DateOnly? decided = null, DateOnly? informed = null) => new()
    {
        SubjectType = Subjects.Decision, SubjectKey = "PHO-2025-11", Name = "Indexatie tarieven", From = FactLoader.Timeless, To = FactLoader.Timeless,
        Norms = N(null, Today), Status = status, Scope = ["IJM", "ZK"], ApprovedRegions = approved ?? ["IJM", "ZK"], NonAldermanApprovers = nonAldermen ?? [],
        TouchesCouncils = councils, DecidedOn = decided ?? new DateOnly(2025, 11, 11), CouncilsInformedOn = informed, Today = Today,
    };

    private static PartnershipYear Meetings(int meetings) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = "71000011", Name = "Kennemer Jeugd & GGZ", From = Y2025, To = End2025, Norms = N(), Year = 2025, Meetings = meetings,
    };

    private static EvaluationDue Evaluation(DateOnly? started) => new()
    {
        SubjectType = Subjects.Agreement, SubjectKey = "SO-0011-AMB-OV", Name = "Kennemer Jeugd & GGZ", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 1, 1),
        Norms = N(), AfterYears = 3, Due = new DateOnly(2026, 1, 1), StartedOn = started, Today = new DateOnly(2026, 3, 1),
    };

    private static EscalationFacts Escalation(DateOnly? informed) => new()
    {
        SubjectType = Subjects.Provider, SubjectKey = "71000011", Name = "Kennemer Jeugd & GGZ", From = new DateOnly(2026, 1, 1), To = new DateOnly(2026, 1, 1),
        Norms = N(), InformingSince = new DateOnly(2026, 1, 1), OthersInformedOn = informed, Today = new DateOnly(2026, 2, 1), AccountHolder = "ZK",
    };

    private static TaskTermFact TaskTerm(DateOnly today, bool open = true) => new()
    {
        SubjectType = Subjects.Task, SubjectKey = "PHO-2026-01/taak-7", Name = "Besluit nemen", From = new DateOnly(2026, 3, 2), To = new DateOnly(2026, 3, 2),
        Norms = N(), Title = "Besluit nemen", Subject = "PHO-2026-01", Role = Roles.Alderman, Due = new DateOnly(2026, 3, 2), Open = open, Today = today,
    };

    private static RegionGrowth Growth(int clients, long costs) => new()
    {
        SubjectType = Subjects.Region, SubjectKey = "ZK", Name = "Zuid-Kennemerland", From = Y2025, To = End2025, Norms = N(),
        Clients = clients, CostsCents = costs, PreviousClients = 1000, PreviousCostsCents = 10_000_000_00,
    };

    private static FrameUse Frame(long ceilings) => new()
    {
        SubjectType = Subjects.Region, SubjectKey = "ZKIJ", Name = "Zuid-Kennemerland en IJmond", From = Y2025, To = End2025, Norms = N("ZKIJ"),
        CeilingsCents = ceilings, FramesCents = 40_000_000_00,
    };

    /// <summary>Rule id → the case it names, and the near miss it must let pass.</summary>
    public static readonly Dictionary<string, (Fact Fires, Fact NearMiss)> Cases = new()
    {
        ["acceptatie.weigering"] = (Referrals(refused: 1, lightAccepted: 99), Referrals(refused: 1, lightAccepted: 99, strategic: false)),
        ["acceptatie.antwoordtermijn"] = (Referrals(late: 8), Referrals(late: 7)),
        ["acceptatie.complexe-casuistiek"] = (Referrals(complexAccepted: 48), Referrals(complexAccepted: 49)),
        ["acceptatie.wachttijd"] = (Waiting(beyond: 11), Waiting(beyond: 10)),
        ["acceptatie.wachtlijstondersteuning"] = (Waiting(waitingNow: 1), Waiting(waitingNow: 0)),
        ["kwaliteit.geregistreerde-professionals"] = (Quality("geregistreerde-professionals", 0.79m), Quality("geregistreerde-professionals", 0.80m)),
        ["kwaliteit.clienttevredenheid"] = (Quality("clienttevredenheid", 6.9m), Quality("clienttevredenheid", 7.0m)),
        ["kwaliteit.respons"] = (Quality("respons", 0.24m), Quality("respons", 0.25m)),
        ["kwaliteit.evidence-based"] = (Quality("evidence-based", 0.39m), Quality("evidence-based", 0.40m)),
        ["kwaliteit.gedwongen-afzonderingen"] = (Quality("gedwongen-afzonderingen", 1), Quality("gedwongen-afzonderingen", 0)),
        ["kwaliteit.doorplaatsingen"] = (Quality("doorplaatsingen", 2), Quality("doorplaatsingen", 1)),
        ["kwaliteit.groepsgrootte"] = (Quality("groepsgrootte", 7), Quality("groepsgrootte", 6)),
        ["kwaliteit.big5-op-orde"] = (Quality("big5-op-orde", 0.79m), Quality("big5-op-orde", 0.80m)),
        ["kwaliteit.plaatsing-buiten-provincie"] = (Quality("plaatsing-buiten-provincie", 1), Quality("plaatsing-buiten-provincie", 0)),
        ["kwaliteit.integraal-plan"] = (Quality("integraal-plan", 0.99m), Quality("integraal-plan", 1.0m)),
        ["kwaliteit.risicotaxatie"] = (Quality("risicotaxatie", 0.98m), Quality("risicotaxatie", 1.0m)),
        // Zuid-Kennemerland allows 3% over pro rata from 2024 (rules/norms/ZK.yaml).
        ["budget.naar-rato"] = (Budget(spent: 5_160_000_00), Budget(spent: 5_150_000_00)),
        ["budget.overschrijding"] = (Budget(spent: 5_000_000_01, elapsed: 0.5m), Budget(spent: 5_000_000_00, elapsed: 0.5m)),
        ["budget.kader-ontbreekt"] = (Budget(frame: false), Budget(frame: false, spent: 0)),
        ["budget.plafond-overschreden"] = (Ceiling(spent: 1_000_000_01), Ceiling(spent: 1_000_000_00)),
        ["budget.plafond-nadert"] = (Ceiling(spent: 900_000_00), Ceiling(spent: 899_999_99)),
        ["budget.contractwaarde-binnen-kader"] = (Frame(40_000_000_01), Frame(40_000_000_00)),
        ["budget.kosten-per-client"] = (Growth(1100, 13_000_000_00), Growth(1100, 12_650_000_00)),
        ["continuiteit.plafonds"] = (Continuity(near: 2), Continuity(near: 1)),
        ["continuiteit.eenzijdig-beeindigd"] = (Continuity(stops: 3), Continuity(stops: 2)),
        ["continuiteit.wachttijd-stijgt"] = (Continuity(mean: 43, previous: 40), Continuity(mean: 43, previous: 43)),
        ["continuiteit.solvabiliteit"] = (Finances(solvency: 0.19m), Finances(solvency: 0.20m)),
        ["continuiteit.liquiditeit"] = (Finances(ratio: 0.99m), Finances(ratio: 1.0m)),
        ["continuiteit.resultaat"] = (Finances(result: -1), Finances(result: 0)),
        ["aanbesteding.minimum-gegadigden"] = (Tender(admitted: 2), Tender(admitted: 3)),
        // Sent on 1 March: the term runs 2 to 21 March; the award can follow on 22 March (day 21), not on day 20.
        ["aanbesteding.standstill"] = (Tender(TenderPhase.Awarded, sent: new(2026, 3, 1), awarded: new(2026, 3, 21)),
            Tender(TenderPhase.Awarded, sent: new(2026, 3, 1), awarded: new(2026, 3, 22))),
        ["aanbesteding.wegingen"] = (Tender(weights: 95), Tender(weights: 100)),
        ["aanbesteding.inschrijving-buiten-dialoog"] = (Tender(outside: 1), Tender(outside: 0)),
        ["aanbesteding.gelijke-informatie"] = (Round(shared: false), Round(shared: true)),
        ["aanbesteding.clientparticipatie"] = (Round(youth: false), Round(youth: true)),
        ["bestuur.alleen-pho-besluit"] = (Decision(nonAldermen: ["kernteam"]), Decision()),
        ["bestuur.gezamenlijk-besluit"] = (Decision(approved: ["ZK"]), Decision(DecisionStatus.Proposed, approved: ["ZK"])),
        ["bestuur.raden-geinformeerd"] = (Decision(councils: true, decided: new(2025, 12, 5)), Decision(councils: true, decided: new(2025, 12, 6))),
        ["bestuur.drie-overleggen"] = (Meetings(2), Meetings(3)),
        ["bestuur.evaluatie-op-tijd"] = (Evaluation(new DateOnly(2026, 2, 1)), Evaluation(new DateOnly(2026, 1, 31))),
        ["bestuur.regios-geinformeerd"] = (Escalation(new DateOnly(2026, 1, 16)), Escalation(new DateOnly(2026, 1, 15))),
        // The term runs to the end of its last day; a task done late no longer stands open.
        ["bestuur.taak-op-tijd"] = (TaskTerm(new DateOnly(2026, 3, 3)), TaskTerm(new DateOnly(2026, 3, 2))),
    };

    public static TheoryData<string> RuleIds() => new(RuleCatalog.All.Select(r => r.Id));

    [Fact]
    public void Catalogue_CoversEveryRuleSetOfTheDesign_AndEveryRuleHasACase()
    {
        Assert.Equal(Verwerving.Workflows.RuleSets.Known.Order(), RuleCatalog.Sets.Order());
        Assert.Empty(RuleCatalog.All.Select(r => r.Id).Except(Cases.Keys));
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Description));
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
        });
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_FiresOnItsCase_AndStaysSilentOnTheNearMiss(string ruleId)
    {
        var (fires, nearMiss) = Cases[ruleId];
        var hit = RuleEngine.Evaluate([fires]).Where(v => v.Rule.Id == ruleId).ToList();
        var verdict = Assert.Single(hit);
        Assert.Matches(@"\d", verdict.Explanation);
        Assert.DoesNotContain("{", verdict.Explanation);
        Assert.DoesNotContain(RuleEngine.Evaluate([nearMiss]), v => v.Rule.Id == ruleId);
    }

    [Fact]
    public void RefusedReferral_IsExplainedInDutchWithTheFigures()
    {
        var verdict = RuleEngine.Evaluate([Referrals(lightTotal: 80, lightAccepted: 78, complexTotal: 32, complexAccepted: 30, refused: 4)])
            .Single(v => v.Rule.Id == "acceptatie.weigering");
        Assert.Equal("Aanbieder Kennemer Jeugd & GGZ weigerde 4 van 112 verwijzingen in perceel Overig ambulant (ZK, 2025); de acceptatieplicht staat geen weigering toe.",
            verdict.Explanation);
        Assert.Equal(Severity.Violation, verdict.Rule.Severity);
        Assert.Contains("001 bijlage 3", verdict.Rule.Source);
    }
}
