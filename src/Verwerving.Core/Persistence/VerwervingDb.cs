using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Verwerving.Domain;

namespace Verwerving.Persistence;

/// <summary>
/// The database. Provider-specific subclasses exist only so each provider keeps its own migrations;
/// application code uses this type.
/// </summary>
public abstract class VerwervingDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<BudgetFrame> BudgetFrames => Set<BudgetFrame>();
    public DbSet<Tender> Tenders => Set<Tender>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<CarePeriod> CarePeriods => Set<CarePeriod>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<QualityMeasurement> QualityMeasurements => Set<QualityMeasurement>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<PartnerMeeting> PartnerMeetings => Set<PartnerMeeting>();
    public DbSet<SignalNotice> SignalNotices => Set<SignalNotice>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<IjwMessage> IjwMessages => Set<IjwMessage>();
    public DbSet<RenderedDocument> Documents => Set<RenderedDocument>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Setting> Settings => Set<Setting>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        var pending = PendingAudit();
        if (pending.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        // The chain and its anchor change in one transaction (on PostgreSQL it starts by taking the chain's lock).
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        ChainAudit(pending);
        var count = base.SaveChanges(acceptAllChangesOnSuccess);
        own?.Commit();
        return count;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        var pending = PendingAudit();
        if (pending.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        ChainAudit(pending);
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The setting that holds the chain's head (sequence:hash), kept outside the chain so truncation shows.</summary>
    public const string AuditAnchorKey = "audit.anker";

    private List<AuditEntry> PendingAudit() =>
        [.. ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).OrderBy(e => e.Sequence)];

    /// <summary>
    /// Links the entries this unit of work appends onto the chain's head as it stands now, inside the transaction, and
    /// records the new head in the anchor. Writers are serialised (PostgreSQL: an advisory lock taken when a transaction
    /// starts; SQLite: its single writer), so unrelated writes never collide on a sequence number.
    /// </summary>
    private void ChainAudit(List<AuditEntry> pending)
    {
        // Within one transaction nobody else appends (writers are serialised), so the head we wrote last is still the head.
        var head = _head is { } known && known.Transaction == Database.CurrentTransaction?.TransactionId ? known.Entry
            : AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefault();
        foreach (var entry in pending)
        {
            entry.Relink(head);
            head = entry;
        }
        if (!DeferAnchor || Database.CurrentTransaction is null) SetAnchor(head!);
        _head = Database.CurrentTransaction is { } tx ? (tx.TransactionId, head!) : null;
    }

    /// <summary>
    /// While set, saves inside a transaction leave the anchor alone; <see cref="AnchorHead"/> records it once before the
    /// commit. Many small steps in one transaction (a group of timers) then write the anchor once, not at every step.
    /// </summary>
    public bool DeferAnchor { get; set; }

    /// <summary>Records the chain's head as it stands in this transaction as the anchor.</summary>
    public void AnchorHead()
    {
        var head = _head is { } known && known.Transaction == Database.CurrentTransaction?.TransactionId ? known.Entry
            : AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefault();
        if (head is not null) Anchor(head);
    }

    private (Guid Transaction, AuditEntry Entry)? _head;

    /// <summary>After a rollback to a savepoint the head we wrote may be gone: read it again at the next save.</summary>
    public void ForgetAuditHead() => _head = null;

    /// <summary>Records <paramref name="head"/> as the chain's last entry; call in the transaction that appended it.</summary>
    public void Anchor(AuditEntry head)
    {
        SetAnchor(head);
        base.SaveChanges();
    }

    private bool _anchorStored;

    private void SetAnchor(AuditEntry head)
    {
        // Read from the database, not the tracker: a rolled-back unit of work on this context may have left a stale copy.
        if (Settings.Local.FirstOrDefault(s => s.Key == AuditAnchorKey) is { } tracked) Entry(tracked).State = EntityState.Detached;
        var setting = new Setting(AuditAnchorKey, $"{head.Sequence}:{head.Hash}");
        // Once seen, the anchor row stays (nothing deletes it; if someone does, the update fails loudly instead of re-creating it).
        _anchorStored = _anchorStored || Settings.AsNoTracking().Any(s => s.Key == AuditAnchorKey);
        if (_anchorStored) Settings.Update(setting);
        else Settings.Add(setting);
    }

    /// <summary>The anchored head (sequence and hash), or null on a database that has none yet.</summary>
    public (long Sequence, string Hash)? AuditAnchor()
    {
        var value = Settings.AsNoTracking().Where(s => s.Key == AuditAnchorKey).Select(s => s.Value).FirstOrDefault();
        var parts = value?.Split(':');
        return parts is [var seq, var hash] && long.TryParse(seq, System.Globalization.CultureInfo.InvariantCulture, out var n) ? (n, hash) : null;
    }

    /// <summary>The user with this login (tracked, so a change to the account is saved), or an error naming it.</summary>
    public User RequireUser(string login) =>
        Users.FirstOrDefault(u => u.Login == login) ?? throw new InputException($"Onbekende gebruiker '{login}' (zie 'verwerving users list').");

    /// <summary>Appends an audit entry to the chain; call inside the transaction that does the work.</summary>
    public AuditEntry Audit(DateTime at, string actor, string action, string subjectType, string subjectKey, string detailsJson = "{}")
    {
        // Provisional: SaveChanges links the unit of work's entries onto the head as it stands then (ChainAudit).
        var head = AuditEntries.Local.Where(e => Entry(e).State == EntityState.Added).MaxBy(e => e.Sequence);
        var entry = AuditEntry.Follow(head, at, actor, action, subjectType, subjectKey, detailsJson);
        AuditEntries.Add(entry);
        return entry;
    }

    private void BumpVersions()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<Versioned>())
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && HasModifiedOwnedChildren(entry)))
            {
                // Through the entry, so the tracker sees it even when automatic change detection is off (bulk work).
                var version = entry.Property(x => x.Version);
                version.CurrentValue = entry.Entity.Version + 1;
                version.IsModified = true;
            }
    }

    // A change to a child collection (an approval, a ceiling) is an edit of its aggregate.
    private bool HasModifiedOwnedChildren(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Versioned> entry) =>
        entry.Navigations.OfType<Microsoft.EntityFrameworkCore.ChangeTracking.CollectionEntry>()
            .Where(n => n.CurrentValue is not null)
            .SelectMany(n => n.CurrentValue!.Cast<object>())
            .Any(child => Entry(child).State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Region>(e =>
        {
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.ParentCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Municipality>(e =>
        {
            e.HasKey(x => x.CbsCode);
            e.Property(x => x.CbsCode).HasMaxLength(4);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Lot>(e => { e.HasKey(x => x.Code); e.Property(x => x.Code).HasMaxLength(16); });
        b.Entity<Provider>(e =>
        {
            e.HasIndex(x => x.AgbCode).IsUnique();
            e.Property(x => x.AgbCode).HasMaxLength(8);
            e.Property(x => x.Solvency).HasPrecision(9, 4);
            e.Property(x => x.CurrentRatio).HasPrecision(9, 4);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.AccountHoldingRegionCode).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<BudgetFrame>(e =>
        {
            e.HasIndex(x => new { x.MunicipalityCode, x.Year }).IsUnique();
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<Tender>(e =>
        {
            e.HasIndex(x => x.Reference).IsUnique();
            e.Property(x => x.Phase).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.AwardDecisionReference).HasMaxLength(64);
            e.HasMany(x => x.Candidates).WithOne().HasForeignKey("TenderId").OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Lots).WithOne().HasForeignKey("TenderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Candidates).HasField("_candidates");
            e.Navigation(x => x.Lots).HasField("_lots");
            e.HasMany(x => x.Rounds).WithOne().HasForeignKey("TenderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Rounds).HasField("_rounds");
            e.HasMany(x => x.Adoptions).WithOne().HasForeignKey("TenderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Adoptions).HasField("_adoptions");
            e.HasMany(x => x.Bids).WithOne().HasForeignKey("TenderId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Bids).HasField("_bids");
            e.Property(x => x.WithdrawalReason).HasMaxLength(2000);
            e.Ignore(x => x.CriteriaWeights);
            e.Ignore(x => x.AdmittedCandidates);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<Candidate>(e =>
        {
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex("TenderId", nameof(Candidate.ProviderId)).IsUnique();
            e.Property(x => x.RefusalReason).HasMaxLength(2000);
        });
        b.Entity<FrameAdoption>(e =>
        {
            e.HasIndex("TenderId", nameof(FrameAdoption.MunicipalityCode)).IsUnique();
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Bid>(e =>
        {
            e.HasIndex("TenderId", nameof(Bid.ProviderId), nameof(Bid.LotCode)).IsUnique();
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.ScoresText).HasMaxLength(1000);
            e.Ignore(x => x.Scores);
        });
        b.Entity<TenderLot>(e => e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict));
        b.Entity<Agreement>(e =>
        {
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasMany(x => x.Ceilings).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Ceilings).HasField("_ceilings");
            e.HasMany(x => x.Amendments).WithOne().HasForeignKey("AgreementId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Amendments).HasField("_amendments");
            e.Ignore(x => x.FirstEvaluationDue);
            e.Ignore(x => x.SecondEvaluationDue);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Tender>().WithMany().HasForeignKey(x => x.TenderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<AgreementCeiling>(e => e.HasIndex("AgreementId", nameof(AgreementCeiling.Year)).IsUnique());
        b.Entity<AgreementAmendment>(e =>
        {
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DecisionReference).HasMaxLength(128);
        });
        b.Entity<SignalNotice>(e =>
        {
            e.HasIndex(x => new { x.EscalationId, x.RegionCode }).IsUnique();
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.InformedBy).HasMaxLength(64);
        });
        b.Entity<Evaluation>(e =>
        {
            e.HasIndex(x => x.Key).IsUnique();
            e.HasIndex(x => new { x.AgreementId, x.Round }).IsUnique();
            e.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Key).HasMaxLength(128);
            e.Property(x => x.AgreementReference).HasMaxLength(64);
            e.Property(x => x.PartnerResponse).HasMaxLength(20000);
            e.Property(x => x.Proposed).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.DecisionReference).HasMaxLength(128);
            e.Ignore(x => x.AfterYears);
        });
        b.Entity<PartnerMeeting>(e =>
        {
            e.HasIndex(x => new { x.ProviderId, x.HeldOn });
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.AgreementReference).HasMaxLength(64);
            e.Property(x => x.Attendees).HasMaxLength(2000);
            e.Property(x => x.Minutes).HasMaxLength(20000);
            e.Property(x => x.RecordedBy).HasMaxLength(64);
        });
        b.Entity<Referral>(e =>
        {
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.ProviderId, x.ReferredOn });
            e.Property(x => x.Referrer).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Complexity).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ClientPseudonym).HasMaxLength(64);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CarePeriod>(e =>
        {
            e.HasIndex(x => x.AssignmentNumber).IsUnique();
            e.HasIndex(x => new { x.ProviderId, x.AssignedOn });
            e.Property(x => x.ClientPseudonym).HasMaxLength(64);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<InvoiceLine>(e =>
        {
            e.HasIndex(x => x.Reference).IsUnique();
            e.HasIndex(x => new { x.ProviderId, x.MunicipalityCode, x.PeriodStart });
            e.Property(x => x.ClientPseudonym).HasMaxLength(64);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Municipality>().WithMany().HasForeignKey(x => x.MunicipalityCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lot>().WithMany().HasForeignKey(x => x.LotCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<QualityMeasurement>(e =>
        {
            e.HasIndex(x => new { x.ProviderId, x.Indicator, x.PeriodStart }).IsUnique();
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Decision>(e =>
        {
            e.HasIndex(x => x.Reference).IsUnique();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasMany(x => x.Approvals).WithOne().HasForeignKey("DecisionId").OnDelete(DeleteBehavior.Cascade);
            e.Navigation(x => x.Approvals).HasField("_approvals");
            e.Property(x => x.Proposal).HasMaxLength(4000);
            e.Property(x => x.OptionsText).HasMaxLength(4000);
            e.Property(x => x.Advice).HasMaxLength(4000);
            e.Ignore(x => x.Options);
            e.Ignore(x => x.Scope);
            e.Ignore(x => x.IsJoint);
            e.Ignore(x => x.AwaitedRegions);
            Versioned(e);
        });
        b.Entity<DialogueRound>(e =>
        {
            e.Property(x => x.Agreements).HasMaxLength(4000);
            e.Property(x => x.ParticipantsText).HasMaxLength(2000);
            e.Ignore(x => x.Participants);
        });
        b.Entity<IjwMessage>(e =>
        {
            e.HasIndex(x => new { x.Code, x.Sender, x.Identification }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(8);
            e.Property(x => x.Summary).HasMaxLength(4000);
        });
        b.Entity<RenderedDocument>(e =>
        {
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => x.SubjectKey);
            e.Property(x => x.TemplateId).HasMaxLength(64);
            e.Property(x => x.TemplateHash).HasMaxLength(64);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.SubjectKey).HasMaxLength(128);
            e.Property(x => x.Html).HasColumnType("text");
        });
        b.Entity<Finding>(e =>
        {
            e.HasIndex(x => new { x.RuleId, x.SubjectType, x.SubjectKey, x.PeriodStart, x.PeriodEnd, x.Status });
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Explanation).HasMaxLength(4000);
            e.Property(x => x.FactsJson).HasMaxLength(8000);
            e.Ignore(x => x.Key);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.Sequence).IsUnique();
            e.Property(x => x.DetailsJson).HasMaxLength(8000);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
        });
        b.Entity<User>(e =>
        {
            e.HasKey(x => x.Login);
            e.Property(x => x.Login).HasMaxLength(64);
            e.Ignore(x => x.RoleList);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.ApiTokenHash).HasMaxLength(64);
            e.HasIndex(x => x.ApiTokenHash).IsUnique();
            e.HasOne<Region>().WithMany().HasForeignKey(x => x.RegionCode).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Provider>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<Workflows.StoredDefinition>(e =>
        {
            e.HasKey(x => new { x.DefinitionId, x.DefinitionVersion });
            e.Property(x => x.DefinitionId).HasMaxLength(64);
            e.Property(x => x.Yaml).HasMaxLength(200_000);
        });
        b.Entity<Workflows.WorkflowInstance>(e =>
        {
            e.HasIndex(x => new { x.DefinitionId, x.SubjectKey });
            e.Property(x => x.DataJson).HasMaxLength(20_000);
            e.Ignore(x => x.Data);
            e.HasOne<Workflows.StoredDefinition>().WithMany().HasForeignKey(x => new { x.DefinitionId, x.DefinitionVersion }).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Workflows.WorkflowInstance>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            Versioned(e);
        });
        b.Entity<Workflows.WorkflowTimer>(e =>
        {
            e.HasIndex(x => new { x.Status, x.AttemptAt });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.ClaimedBy).HasMaxLength(100);
            e.Property(x => x.FiredBy).HasMaxLength(100);
            e.HasOne<Workflows.WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Workflows.HumanTask>(e =>
        {
            e.HasIndex(x => new { x.Status, x.Role });
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.AssignedTo).HasMaxLength(64);
            e.HasOne<Workflows.WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Workflows.ProcessedCommand>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(200);
        });
        b.Entity<Setting>(e => { e.HasKey(x => x.Key); e.Property(x => x.Key).HasMaxLength(64); e.Property(x => x.Value).HasMaxLength(4000); });
    }

    private static void Versioned<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : Versioned =>
        e.Property(x => x.Version).IsConcurrencyToken();

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>A small key/value row for installation-wide state (the simulated clock, the demo seed).</summary>
public class Setting
{
    private Setting() { Key = Value = ""; }
    public Setting(string key, string value) { Key = key; Value = value; }
    public string Key { get; private set; }
    public string Value { get; set; }
}
