using Microsoft.EntityFrameworkCore;
using Verwerving.Domain;
using Verwerving.Persistence;

namespace Verwerving.Tests.Persistence;

/// <summary>The same persistence tests on both providers: SQLite (embedded) and a real PostgreSQL server.</summary>
public abstract class PersistenceTests : IDisposable
{
    private readonly TestDatabase _database;

    protected PersistenceTests(string provider) { _database = TestDatabase.Create(provider); }

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    private VerwervingDb Open() => _database.Options.OpenMigrated();

    [Fact]
    public void Migrations_MatchTheModel()
    {
        using var db = Open();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Het model wijkt af van de migraties: maak een nieuwe migratie.");
    }

    [Fact]
    public void EveryEntity_RoundTrips()
    {
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var pseudonym = new string('c', 40);
        int providerId, tenderId, agreementId, decisionId;
        using (var db = Open())
        {
            db.Regions.AddRange(new Region("ZKIJ", "Boven", RegionKind.SupraRegional), new Region("ZK", "Zuid-Kennemerland", RegionKind.Region, "ZKIJ"),
                new Region("IJM", "IJmond", RegionKind.Region, "ZKIJ"));
            db.Municipalities.Add(new Municipality("0392", "Haarlem", "ZK", 33_400));
            db.Lots.Add(new Lot("AMB-OV", "Overig ambulant", "Ambulant"));
            var provider = new Provider("71000011", "Kennemer Jeugd & GGZ");
            provider.AppointAccountHolder("ZK");
            provider.RecordAnnualAccounts(0.1425m, 0.92m, -125_000_00);
            db.Providers.Add(provider);
            db.SaveChanges();
            providerId = provider.Id;

            db.BudgetFrames.Add(new BudgetFrame("0392", 2025, 45_000_000_00));
            var tender = new Tender("T-1", "Jeugdhulp", "ZKIJ");
            tender.AddLot("AMB-OV", 9_000_000_00);
            tender.MoveTo(TenderPhase.Announced);
            var candidate = tender.Apply(providerId);
            candidate.Admit();
            candidate.JoinDialogue();
            tender.MoveTo(TenderPhase.FinalBids);
            tender.ReceiveBid(providerId, "Aanbieder", null, 8_500_000_00, new DateOnly(2022, 6, 30));
            tender.DecideIntendedAward(new DateOnly(2022, 9, 15));
            db.Tenders.Add(tender);
            db.SaveChanges();
            tenderId = tender.Id;

            var agreement = new Agreement("SO-1", providerId, "AMB-OV", "ZKIJ", new DateOnly(2023, 1, 1), new DateOnly(2031, 12, 31), true, tenderId);
            agreement.SetCeiling(2025, 3_000_000_00);
            agreement.Sign(new DateOnly(2022, 11, 1));
            db.Agreements.Add(agreement);
            var referral = new Referral("VW-1", pseudonym, "0392", "AMB-OV", providerId, ReferrerType.YouthJudge, Complexity.Complex, new DateOnly(2025, 2, 1));
            referral.Refuse(new DateOnly(2025, 2, 3), "Geen plek");
            db.Referrals.Add(referral);
            db.SaveChanges();
            agreementId = agreement.Id;

            var care = new CarePeriod("TW-1", pseudonym, providerId, "0392", "AMB-OV", "43A01", new DateOnly(2025, 2, 5), referral.Id);
            care.Start(new DateOnly(2025, 3, 1));
            care.Stop(new DateOnly(2025, 9, 30), "33");
            db.CarePeriods.Add(care);
            db.InvoiceLines.Add(new InvoiceLine("DC-1", providerId, "0392", "AMB-OV", "43A01", pseudonym, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), 31, 1_234_56));
            db.QualityMeasurements.Add(new QualityMeasurement(providerId, "clienttevredenheid", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), 7.8m, 112));
            var decision = new Decision("PHO-1", "Besluit", ["ZK", "IJM"], true, "kernteam", at);
            decision.Approve(new User("wh.zk", "W", [Roles.Alderman], "ZK"), at.AddHours(1));
            db.Decisions.Add(decision);
            db.Findings.Add(new Finding("ACC-01", "acceptatieplicht", Severity.Violation, "Provider", "71000011", new DateOnly(2025, 1, 1),
                new DateOnly(2025, 3, 31), "Aanbieder weigerde 1 van 1 verwijzingen", "001 bijlage 3", """{"refused":1}""", at));
            db.Users.Add(new User("wh.zk", "Wethouder ZK", [Roles.Alderman], "ZK"));
            db.Users.Add(new User("aanbieder.kjg", "KJG", [Roles.Provider], providerId: providerId));
            db.Settings.Add(new Setting("clock", "2026-01-01"));
            db.Audit(at, "tester", "test.actie", "Tender", "T-1", """{"a":1}""");
            db.Audit(at.AddMinutes(1), "tester", "test.actie2", "Tender", "T-1");
            db.SaveChanges();
            decisionId = decision.Id;
        }

        using (var db = Open())
        {
            Assert.Equal(["IJM", "ZK", "ZKIJ"], db.Regions.OrderBy(r => r.Code).Select(r => r.Code).ToList());
            Assert.Equal("ZKIJ", db.Regions.Single(r => r.Code == "ZK").ParentCode);
            Assert.Equal(33_400, db.Municipalities.Single().YouthPopulation);
            Assert.Equal("Ambulant", db.Lots.Single().Category);
            var provider = db.Providers.Single();
            Assert.Equal(("ZK", 0.1425m, 0.92m, -125_000_00L), (provider.AccountHoldingRegionCode, provider.Solvency!.Value, provider.CurrentRatio!.Value, provider.ResultCents!.Value));
            Assert.Equal(45_000_000_00, db.BudgetFrames.Single().AmountCents);
            var tender = db.Tenders.Include(t => t.Candidates).Include(t => t.Lots).Include(t => t.Bids).Single(t => t.Id == tenderId);
            Assert.Equal((TenderPhase.IntendedAward, new DateOnly(2022, 9, 15)), (tender.Phase, tender.IntendedAwardOn!.Value));
            Assert.Equal((providerId, true, true), (tender.Candidates[0].ProviderId, tender.Candidates[0].Admitted, tender.Candidates[0].InDialogue));
            Assert.Equal((providerId, "AMB-OV", 8_500_000_00L), (tender.Bids[0].ProviderId, tender.Bids[0].LotCode, tender.Bids[0].AmountCents));
            Assert.Equal(9_000_000_00, tender.Lots.Single().EstimatedValueCents);
            var agreement = db.Agreements.Include(a => a.Ceilings).Single(a => a.Id == agreementId);
            Assert.Equal((new DateOnly(2031, 12, 31), true, new DateOnly(2022, 11, 1), 3_000_000_00L), (agreement.End, agreement.StrategicPartner, agreement.SignedOn!.Value, agreement.CeilingFor(2025)!.Value));
            var referral = db.Referrals.Single();
            Assert.Equal((ReferralOutcome.Refused, "Geen plek", ReferrerType.YouthJudge, Complexity.Complex), (referral.Outcome, referral.RefusalReason, referral.Referrer, referral.Complexity));
            var care = db.CarePeriods.Single();
            Assert.Equal((24, "33", referral.Id), (care.WaitingDays!.Value, care.EndReason, care.ReferralId!.Value));
            var line = db.InvoiceLines.Single();
            Assert.Equal((1_234_56L, 31, new DateOnly(2025, 3, 31)), (line.AmountCents, line.Units, line.PeriodEnd));
            var q = db.QualityMeasurements.Single();
            Assert.Equal((7.8m, 112), (q.Value, q.Basis!.Value));
            var decision = db.Decisions.Include(d => d.Approvals).Single(d => d.Id == decisionId);
            Assert.Equal((DecisionStatus.Proposed, "wh.zk", at.AddHours(1)), (decision.Status, decision.Approvals.Single().Login, decision.Approvals.Single().At));
            Assert.Equal(DateTimeKind.Utc, decision.ProposedAt.Kind);
            var finding = db.Findings.Single();
            Assert.Equal((Severity.Violation, FindingStatus.Open, "{\"refused\":1}"), (finding.Severity, finding.Status, finding.FactsJson));
            Assert.Equal([Roles.Provider], db.Users.Single(u => u.Login == "aanbieder.kjg").RoleList);
            Assert.Equal("2026-01-01", db.Settings.Single(s => s.Key == "clock").Value);
            var audit = db.AuditEntries.OrderBy(e => e.Sequence).ToList();
            Assert.Equal(2, audit.Count);
            Assert.True(audit[0].IsIntact(null));
            Assert.True(audit[1].IsIntact(audit[0]), "De hash moet de round trip overleven.");
        }
    }

    [Fact]
    public void ConcurrentEdit_IsRefused_NotLost()
    {
        using (var db = Open())
        {
            db.Regions.Add(new Region("ZK", "Zuid-Kennemerland", RegionKind.Region));
            db.Municipalities.Add(new Municipality("0392", "Haarlem", "ZK", 1));
            db.BudgetFrames.Add(new BudgetFrame("0392", 2025, 100));
            db.SaveChanges();
        }
        using var controller = Open();
        using var colleague = Open();
        var mine = controller.BudgetFrames.Single();
        var theirs = colleague.BudgetFrames.Single();
        mine.Amend(200);
        controller.SaveChanges();
        theirs.Amend(300);
        Assert.Throws<DbUpdateConcurrencyException>(() => colleague.SaveChanges());
        using var check = Open();
        Assert.Equal(200, check.BudgetFrames.Single().AmountCents);
        Assert.Equal(1, check.BudgetFrames.Single().Version);
    }

    [Fact]
    public void ConcurrentApprovals_OnOneDecision_SecondIsRefused()
    {
        using (var db = Open())
        {
            db.Regions.AddRange(new Region("ZK", "ZK", RegionKind.Region), new Region("IJM", "IJmond", RegionKind.Region));
            db.Decisions.Add(new Decision("PHO-1", "Gezamenlijk", ["ZK", "IJM"], false, "kernteam", DateTime.UtcNow));
            db.SaveChanges();
        }
        using var first = Open();
        using var second = Open();
        var a = first.Decisions.Include(d => d.Approvals).Single();
        var b = second.Decisions.Include(d => d.Approvals).Single();
        a.Approve(new User("wh.zk", "ZK", [Roles.Alderman], "ZK"), DateTime.UtcNow);
        first.SaveChanges();
        b.Approve(new User("wh.ij", "IJ", [Roles.Alderman], "IJM"), DateTime.UtcNow);
        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());
    }

    [Fact]
    public void AuditAppend_AfterARolledBackUnitOfWork_OnTheSameContext_StillAnchors()
    {
        using var db = Open();
        using (var tx = db.Database.BeginTransaction())
        {
            db.Audit(DateTime.UtcNow, "a", "teruggedraaid", "T", "1");
            db.SaveChanges();
            tx.Rollback();
        }
        db.ChangeTracker.Entries<AuditEntry>().ToList().ForEach(e => e.State = EntityState.Detached);
        var entry = db.Audit(DateTime.UtcNow, "a", "blijft", "T", "1");
        db.SaveChanges();
        using var check = Open();
        Assert.Equal((1L, "blijft"), (check.AuditEntries.Single().Sequence, check.AuditEntries.Single().Action));
        Assert.Equal((1L, entry.Hash), check.AuditAnchor());
    }

    [Fact]
    public void AuditAppend_ToAStaleHead_IsLinkedOntoTheCurrentHead_AndAnchored()
    {
        using (var db = Open())
        {
            db.Audit(DateTime.UtcNow, "a", "x", "T", "1");
            db.SaveChanges();
        }
        // Two units of work build on the same head; the second is linked after the first instead of forking or failing.
        using var one = Open();
        using var two = Open();
        one.Audit(DateTime.UtcNow, "a", "y", "T", "1");
        two.Audit(DateTime.UtcNow, "b", "z", "T", "1");
        one.SaveChanges();
        two.SaveChanges();
        using var check = Open();
        var chain = check.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToList();
        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
        Assert.Equal(["x", "y", "z"], chain.Select(e => e.Action));
        AuditEntry? previous = null;
        foreach (var e in chain) { Assert.True(e.IsIntact(previous)); previous = e; }
        Assert.Equal((3L, chain[^1].Hash), check.AuditAnchor());
    }
}

public sealed class SqlitePersistenceTests() : PersistenceTests("sqlite")
{
    [Fact]
    public void Sqlite_UsesWalAndFullSync()
    {
        using var database = TestDatabase.Sqlite();
        using var db = database.Options.OpenMigrated();
        db.Database.OpenConnection();
        using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
        cmd.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, cmd.ExecuteScalar()); // FULL
    }
}

[Trait("Category", "Postgres")]
public sealed class PostgresPersistenceTests() : PersistenceTests("postgres");
