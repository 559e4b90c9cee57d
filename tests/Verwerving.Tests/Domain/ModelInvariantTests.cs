using Verwerving.Domain;
using Verwerving.Privacy;

namespace Verwerving.Tests.Domain;

public class ModelInvariantTests
{
    private static readonly User AldermanZk = new("wh.zk", "Wethouder ZK", [Roles.Alderman], "ZK");
    private static readonly User AldermanIj = new("wh.ij", "Wethouder IJmond", [Roles.Alderman], "IJM");
    private static readonly User CoreTeam = new("kt", "Kernteam", [Roles.CoreTeam], "ZKIJ");

    [Fact]
    public void StrategicAgreement_RunsNineYears_EvaluatedAfterThreeAndSix()
    {
        var start = new DateOnly(2023, 1, 1);
        var a = new Agreement("SO-1", 1, "AMB-OV", "ZKIJ", start, new DateOnly(2031, 12, 31), strategicPartner: true);
        Assert.Equal(new DateOnly(2026, 1, 1), a.FirstEvaluationDue);
        Assert.Equal(new DateOnly(2029, 1, 1), a.SecondEvaluationDue);
        var ex = Assert.Throws<DomainException>(() => new Agreement("SO-2", 1, "AMB-OV", "ZKIJ", start, new DateOnly(2027, 12, 31), strategicPartner: true));
        Assert.Contains("9 jaar", ex.Message);
    }

    [Fact]
    public void AgreementCeiling_OutsideTerm_IsRefused()
    {
        var a = new Agreement("SO-1", 1, "AMB-OV", "ZKIJ", new DateOnly(2023, 1, 1), new DateOnly(2031, 12, 31), true);
        a.SetCeiling(2024, 100);
        a.SetCeiling(2024, 250);
        Assert.Equal(250, a.CeilingFor(2024));
        Assert.Throws<DomainException>(() => a.SetCeiling(2032, 100));
    }

    [Fact]
    public void JointDecision_WaitsForSecondAlderman()
    {
        var d = new Decision("PHO-1", "Gezamenlijk", ["ZK", "IJM"], false, "kernteam", DateTime.UtcNow);
        d.Approve(AldermanIj, DateTime.UtcNow);
        Assert.Equal(DecisionStatus.Proposed, d.Status);
        Assert.Equal(["ZK"], d.AwaitedRegions);
        d.Approve(AldermanZk, DateTime.UtcNow);
        Assert.Equal(DecisionStatus.Decided, d.Status);
    }

    [Fact]
    public void IJmondAlderman_CannotDecideForZuidKennemerlandAlone()
    {
        var d = new Decision("PHO-2", "Alleen ZK", ["ZK"], false, "kernteam", DateTime.UtcNow);
        var ex = Assert.Throws<DomainException>(() => d.Approve(AldermanIj, DateTime.UtcNow));
        Assert.Contains("geen mandaat", ex.Message);
        Assert.Equal(DecisionStatus.Proposed, d.Status);
    }

    [Fact]
    public void CoreTeam_MayProposeButNotDecide()
    {
        var d = new Decision("PHO-3", "Voorstel", ["ZK", "IJM"], false, "kernteam", DateTime.UtcNow);
        var ex = Assert.Throws<DomainException>(() => d.Approve(CoreTeam, DateTime.UtcNow));
        Assert.Contains("PHO", ex.Message);
    }

    [Fact]
    public void Referral_AnsweredTwice_IsRefused()
    {
        var r = new Referral("VW-1", new string('a', 40), "0392", "AMB-OV", 1, ReferrerType.GeneralPractitioner, Complexity.Complex, new DateOnly(2025, 3, 1));
        r.Refuse(new DateOnly(2025, 3, 2), "Geen capaciteit");
        Assert.Throws<DomainException>(() => r.Accept(new DateOnly(2025, 3, 3)));
        Assert.Throws<DomainException>(() => new Referral("VW-2", "123456782", "0392", "AMB-OV", 1, ReferrerType.GeneralPractitioner, Complexity.Light, new DateOnly(2025, 3, 1)));
    }

    [Fact]
    public void CarePeriod_WaitingTime_AndStopBeforeStart()
    {
        var c = new CarePeriod("TW-1", new string('b', 40), 1, "0392", "AMB-OV", "43A01", new DateOnly(2025, 1, 1));
        Assert.Throws<DomainException>(() => c.Stop(new DateOnly(2025, 2, 1), "01"));
        c.Start(new DateOnly(2025, 1, 29));
        Assert.Equal(28, c.WaitingDays);
        Assert.Throws<DomainException>(() => c.Stop(new DateOnly(2025, 1, 2), "01"));
        c.Stop(new DateOnly(2025, 6, 30), CarePeriod.EndedOneSidedlyByProvider);
        c.Stop(new DateOnly(2025, 6, 30), CarePeriod.EndedOneSidedlyByProvider); // the same message twice changes nothing
        Assert.Throws<DomainException>(() => c.Stop(new DateOnly(2025, 7, 1), "01"));
    }

    [Theory]
    [InlineData(2025, 1, 1, 12_000_00, 32_87)]
    [InlineData(2025, 7, 2, 12_000_00, 6_016_43)]
    [InlineData(2025, 12, 31, 12_000_00, 12_000_00)]
    [InlineData(2024, 12, 31, 12_000_00, 0)]
    [InlineData(2026, 1, 1, 12_000_00, 12_000_00)]
    public void BudgetFrame_ProRata(int y, int m, int d, long amount, long expected)
    {
        var b = new BudgetFrame("0392", 2025, amount);
        Assert.Equal(expected, b.ProRataCents(new DateOnly(y, m, d)));
    }

    [Theory]
    [InlineData("039")]
    [InlineData("03a2")]
    public void Municipality_CodeMustBeFourDigits(string code) =>
        Assert.Throws<DomainException>(() => new Municipality(code, "X", "ZK", 10));

    [Theory]
    [InlineData("1234567")]
    [InlineData("1234567x")]
    public void Provider_AgbMustBeEightDigits(string agb) =>
        Assert.Throws<DomainException>(() => new Provider(agb, "X"));

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456781", false)]
    [InlineData("12345678", false)]
    public void Bsn_ElevenTest(string bsn, bool valid) => Assert.Equal(valid, Pseudonymizer.IsValidBsn(bsn));

    [Fact]
    public void Pseudonym_DependsOnKey_AndHidesTheBsn()
    {
        var a = new Pseudonymizer("sleutel-een-0123456789"u8.ToArray());
        var b = new Pseudonymizer("sleutel-twee-0123456789"u8.ToArray());
        Assert.Equal(a.Pseudonymize("111222333"), a.Pseudonymize("111222333"));
        Assert.NotEqual(a.Pseudonymize("111222333"), b.Pseudonymize("111222333"));
        Assert.DoesNotContain("111222333", a.Pseudonymize("111222333"), StringComparison.Ordinal);
        Assert.Throws<InputException>(() => a.Pseudonymize("123456781"));
    }

    [Fact]
    public void Tender_GuardsEachStep_OnTheAggregate()
    {
        var t = new Tender("T-1", "Test", "ZKIJ");
        t.AddLot("JB-JR", 0);
        var councils = new List<(string, string)> { ("0392", "Haarlem"), ("0453", "Velsen") };
        t.RecordFrameAdoption("0392", "Haarlem", new DateOnly(2026, 1, 5));
        Assert.Contains("al vastgesteld", Assert.Throws<DomainException>(() => t.RecordFrameAdoption("0392", "Haarlem", new DateOnly(2026, 1, 6))).Message);
        Assert.Single(t.Adoptions);
        Assert.Contains("Velsen", t.CannotAnnounce(councils));
        Assert.Throws<DomainException>(() => t.Announce(councils));
        t.RecordFrameAdoption("0453", "Velsen", new DateOnly(2026, 1, 6));
        t.Announce(councils);
        t.OpenSelection();
        t.AdmitCandidate(1, "Een");
        Assert.Throws<DomainException>(() => t.AdmitCandidate(1, "Een"));
        t.RefuseCandidate(2, "Twee", "Geen BIG-registratie");
        Assert.Throws<DomainException>(() => t.AdmitCandidate(2, "Twee"));
        t.StartDialogue();
        Assert.Throws<DomainException>(() => t.CloseDialogue()); // no round held
        t.RecordRound("Wachtlijsten", new DateOnly(2026, 2, 1), [], true, true, true, "", "Verslag");
        Assert.Equal([1], t.Rounds[0].Participants);
        t.CloseDialogue();
        Assert.Contains("niet deel aan de dialoog", Assert.Throws<DomainException>(() => t.ReceiveBid(2, "Twee", null, 100, new DateOnly(2026, 3, 1))).Message);
        Assert.Throws<DomainException>(() => t.ReceiveBid(1, "Een", "AMB-OV", 100, new DateOnly(2026, 3, 1))); // not a lot of this tender
        t.ReceiveBid(1, "Een", null, 100_00, new DateOnly(2026, 3, 1));
        Assert.Throws<DomainException>(() => t.ReceiveBid(1, "Een", "JB-JR", 200_00, new DateOnly(2026, 3, 1)));
        t.CloseBids();
        t.SetAwardCriteria(new Dictionary<string, int> { ["kwaliteit"] = 70, ["prijs"] = 30 });
        Assert.Throws<DomainException>(() => t.ProposeAward()); // not scored
        Assert.Throws<DomainException>(() => t.ScoreBid(1, "Een", null, new Dictionary<string, decimal> { ["kwaliteit"] = 8 }));
        t.ScoreBid(1, "Een", null, new Dictionary<string, decimal> { ["kwaliteit"] = 8, ["prijs"] = 6 });
        Assert.Equal(7.4m, t.WeightedScore(t.Bids[0]));
        t.ProposeAward();
        Assert.True(t.Bids[0].Proposed);
        Assert.Throws<DomainException>(() => t.SendAwardDecision(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1))); // PHO has not decided
        t.DecideIntendedAward(new DateOnly(2026, 4, 1));
        Assert.Throws<DomainException>(() => t.SendAwardDecision(new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 2))); // in the future
        t.SendAwardDecision(new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 2));
        Assert.Equal(new DateOnly(2026, 4, 22), t.StandstillEndsOn(20));
        Assert.Single(t.Award(new DateOnly(2026, 4, 23)));
        Assert.Contains("niet meer worden ingetrokken", Assert.Throws<DomainException>(() => t.Withdraw("te laat")).Message);
        t.MarkContracted();
        Assert.Equal(TenderPhase.Contracted, t.Phase);
    }

    [Fact]
    public void AuditChain_DetectsTampering()
    {
        var first = AuditEntry.Follow(null, DateTime.UtcNow, "a", "x", "T", "1", "{}");
        var second = AuditEntry.Follow(first, DateTime.UtcNow, "b", "y", "T", "1", "{}");
        Assert.True(first.IsIntact(null));
        Assert.True(second.IsIntact(first));
        var forged = AuditEntry.Follow(null, DateTime.UtcNow, "a", "x-vervalst", "T", "1", "{}");
        Assert.False(second.IsIntact(forged));
    }

    [Fact]
    public void User_AldermanNeedsRegion_UnknownRoleRefused()
    {
        Assert.Throws<DomainException>(() => new User("wh", "W", [Roles.Alderman]));
        Assert.Throws<DomainException>(() => new User("x", "X", ["koning"]));
    }
}
