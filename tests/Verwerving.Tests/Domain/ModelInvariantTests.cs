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
    public void Tender_WithdrawAfterAward_IsRefused_AndBidsOnlyFromDialogue()
    {
        var t = new Tender("T-1", "Test", "ZKIJ");
        Assert.Throws<DomainException>(() => t.Apply(1));
        t.MoveTo(TenderPhase.Announced);
        var c = t.Apply(1);
        Assert.Throws<DomainException>(() => c.SubmitBid(100));
        c.Admit();
        c.JoinDialogue();
        c.SubmitBid(100);
        t.MoveTo(TenderPhase.Awarded);
        Assert.Throws<DomainException>(() => t.MoveTo(TenderPhase.Withdrawn));
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
