using AdminPortal.Audit;
using AdminPortal.Invitations;
using AdminPortal.Notifications;
using AdminPortal.PasswordReset;
using AdminPortal.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Data;

/// <summary>
/// The app's model, the same on every provider. Each provider has a subclass of its own (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgreSqlAppDbContext"/>) only so that its migrations and model snapshot live apart; the app asks for
/// this type and gets the configured provider's.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, int>(options), IDataProtectionKeyContext
{
    /// <summary>Identity's schema with passkeys (AspNetUserPasskeys), the one every migration since Passkeys builds on.</summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    // Identity builds its part of the model from IdentityOptions.Stores in the application's services; a context made
    // without them (design-time migrations, the tests' PostgreSQL template) gets the same schema version from these.
    private static readonly IServiceProvider SchemaOnlyServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = IdentitySchemaVersion)
        .BuildServiceProvider();

    /// <summary>The passkeys' shadow column: when each one last signed in (Identity keeps only when it was made).</summary>
    public const string PasskeyLastUsedAt = "LastUsedAt";

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        if (optionsBuilder.Options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider is null)
        {
            optionsBuilder.UseApplicationServiceProvider(SchemaOnlyServices);
        }
    }

    /// <summary>Which database this is, for the few types that differ by provider (user search, write lock, errors, seeding).</summary>
    public abstract DatabaseProvider Provider { get; }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PasswordResetCode> PasswordResetCodes => Set<PasswordResetCode>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Limits.SharedCounter> SharedCounters => Set<Limits.SharedCounter>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Users.BulkBatch> BulkBatches => Set<Users.BulkBatch>();

    /// <summary>Raised with a table's name before a command of this context writes to it (see <see cref="WriteCommandInterceptor"/>).</summary>
    public event Action<string>? Writing;

    internal void OnWriting(string table) => Writing?.Invoke(table);

    /// <summary>
    /// A session that survives its own account's new security stamp: the one from which the account changed its own
    /// password, which is signed in again with the new stamp right after (<see cref="Accounts.AccountSelfService"/>).
    /// </summary>
    public string? SessionKeptOnRestamp { get; set; }

    /// <summary>
    /// A context just taken from the pool (<see cref="AppDbContexts"/>), cleared of what its last user set on it and EF
    /// Core does not reset: the audit log listening to its writes, the session spared from a restamp.
    /// </summary>
    internal AppDbContext Leased()
    {
        Writing = null;
        SessionKeptOnRestamp = null;
        return this;
    }

    /// <summary>
    /// Rule 6 in one place: Identity renews an account's security stamp exactly for the events that must end its
    /// sessions (a password set by an admin, changed or reset; a disable; a role change — the app sets the email without
    /// renewing it), so a save that renews a stamp deletes that account's sessions in the same transaction, and every
    /// cookie of the account is refused at its next request. A deleted account's rows go with it (cascade). The
    /// per-request security-stamp check (<see cref="Accounts.SessionValidation"/>) stays as the second line. A stamp
    /// renewed on an entity attached untracked is not seen here; every caller loads the account through this context.
    /// <see cref="SessionKeptOnRestamp"/> is spared.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var restamped = RestampedAccounts();
        if (restamped.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await SessionsEndedBy(restamped).ExecuteDeleteAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var restamped = RestampedAccounts();
        if (restamped.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var ownTransaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        SessionsEndedBy(restamped).ExecuteDelete();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        ownTransaction?.Commit();
        return saved;
    }

    private IQueryable<UserSession> SessionsEndedBy(List<int> restamped)
    {
        var kept = SessionKeptOnRestamp;
        return UserSessions.Where(s => restamped.Contains(s.UserId) && (kept == null || s.Id != kept));
    }

    private List<int> RestampedAccounts() => ChangeTracker.Entries<AppUser>()
        .Where(e => e.State == EntityState.Modified
            && !string.Equals((string?)e.OriginalValues[nameof(AppUser.SecurityStamp)], e.Entity.SecurityStamp, StringComparison.Ordinal))
        .Select(e => e.Entity.Id)
        .ToList();

    /// <summary>The vendor picker's own index (see <see cref="Api.UserSuggestEndpoint"/>), named so SQLite can be told to use it.</summary>
    public const string UserSuggestIndex = "IX_AspNetUsers_Suggest";

    /// <summary>
    /// An index a page's ids are read from (UserDirectory, AuditQueries), then the page's rows by key: PostgreSQL's indexes
    /// hold only their own columns, so there it includes the id, and skipping to a deep page is an index-only scan instead
    /// of a table read per skipped row (over 1 s at a million accounts). SQLite's indexes end with the rowid anyway.
    /// </summary>
    private void WithId(IndexBuilder index)
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            index.IncludeProperties(nameof(AppUser.Id));
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.UserName).HasMaxLength(AppUser.UserNameMaxLength);
            user.Property(u => u.NormalizedUserName).HasMaxLength(AppUser.UserNameMaxLength);
            user.Property(u => u.Email).HasMaxLength(AppUser.EmailMaxLength);
            user.Property(u => u.NormalizedEmail).HasMaxLength(AppUser.EmailMaxLength);
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.Property(u => u.Role).HasMaxLength(16);
            user.Property(u => u.Language).HasMaxLength(AppUser.LanguageMaxLength).HasDefaultValue("en");

            // Identity's normalized columns are upper-cased, so these unique indexes make user name and
            // email unique ignoring case, and a lost race surfaces as a constraint error, not a duplicate.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();

            // The user list: one index per filter (none, role, status, both) and sort order (name; email and creation time
            // with the id as tie-break; role and status then name), so that a page is read in order from an index and
            // stops when full, with no sort of every match (issue 11; UserListQueryPlanTests reads the plans). SQLite
            // ends every index with the rowid anyway; PostgreSQL needs the id spelled out (a key column, or included).
            WithId(user.HasIndex(u => u.UserName));
            user.HasIndex(u => new { u.Email, u.Id });
            user.HasIndex(u => new { u.CreatedAt, u.Id });
            WithId(user.HasIndex(u => new { u.Role, u.UserName }));
            user.HasIndex(u => new { u.Role, u.Email, u.Id });
            user.HasIndex(u => new { u.Role, u.CreatedAt, u.Id });
            WithId(user.HasIndex(u => new { u.Role, u.Status, u.UserName }));
            user.HasIndex(u => new { u.Role, u.Status, u.Email, u.Id });
            user.HasIndex(u => new { u.Role, u.Status, u.CreatedAt, u.Id });
            WithId(user.HasIndex(u => new { u.Status, u.UserName }));
            user.HasIndex(u => new { u.Status, u.Email, u.Id });
            user.HasIndex(u => new { u.Status, u.CreatedAt, u.Id });
            WithId(user.HasIndex(u => new { u.Status, u.Role, u.UserName }));
            WithId(user.HasIndex(u => new { u.TwoFactorEnabled, u.UserName }));
            // The dashboard counts, and the list filters on, accounts that must change their password or are locked out.
            // Partial: only the accounts that must change their password. "WHERE MustChangePassword" (how EF Core writes
            // the bool) cannot seek an index on the column in SQLite, but it matches this index's own condition, whose
            // few entries are then the answer (the dashboard's count, the list's filter).
            user.HasIndex(u => u.MustChangePassword).HasFilter("\"MustChangePassword\"");
            user.HasIndex(u => u.LockoutEnd);
            // The vendor picker (Api/UserSuggestEndpoint): only the accounts it may offer, in user-name order, with the
            // columns it tests, so its walk in name order tests each one from the index alone and reads a table row only
            // for the few it keeps (at a million accounts 3 in 4 are no candidate, and 39 in 40 candidates do not match
            // three letters of a surname: the walk past them read a table row each, 15-50 ms, several seconds for text
            // that matches nobody).
            if (Provider == DatabaseProvider.PostgreSql)
            {
                user.HasIndex(u => u.UserName, UserSuggestIndex)
                    .IncludeProperties(u => new { u.NormalizedUserName, u.NormalizedEmail, u.Id })
                    .HasFilter(Api.UserSuggestEndpoint.CandidateFilterSql);
            }
            else
            {
                user.HasIndex(u => new { u.UserName, u.NormalizedUserName, u.NormalizedEmail, u.Role, u.Status }, UserSuggestIndex)
                    .HasFilter(Api.UserSuggestEndpoint.CandidateFilterSql);
            }
        });

        builder.Entity<IdentityUserPasskey<int>>()
            .Property<DateTime?>(PasskeyLastUsedAt);

        builder.Entity<PasswordResetCode>(code =>
        {
            code.HasIndex(c => c.UserId).IsUnique(); // one code (and its grant) per account
            code.HasIndex(c => c.GrantHash);
            code.Property(c => c.CodeHash).HasMaxLength(128);
            code.Property(c => c.GrantHash).HasMaxLength(128);
            code.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.HasIndex(i => i.UserId).IsUnique(); // one live link per account: a new invitation replaces it
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.Property(i => i.TokenHash).HasMaxLength(128);
            invitation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
            entry.Property(e => e.ActorUserName).HasMaxLength(AppUser.UserNameMaxLength);
            entry.Property(e => e.TargetUserName).HasMaxLength(AppUser.UserNameMaxLength);
            entry.Property(e => e.ClientAddress).HasMaxLength(64);
            entry.Property(e => e.Reason).HasMaxLength(256);
            entry.Property(e => e.BatchId).HasMaxLength(AuditEntry.BatchIdLength);
            entry.HasIndex(e => e.BatchId);
            WithId(entry.HasIndex(e => e.At));
            WithId(entry.HasIndex(e => new { e.ActorId, e.At }));
            WithId(entry.HasIndex(e => new { e.TargetId, e.At }));
            WithId(entry.HasIndex(e => new { e.Action, e.At }));
        });

        builder.Entity<Notification>(notification =>
        {
            notification.Property(n => n.Kind).HasMaxLength(64);
            notification.Property(n => n.ActorUserName).HasMaxLength(AppUser.UserNameMaxLength);
            notification.Property(n => n.Details).HasMaxLength(512);
            notification.HasIndex(n => new { n.UserId, n.CreatedAt });
            notification.HasIndex(n => new { n.UserId, n.ReadAt });
            notification.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<UserSession>(session =>
        {
            session.Property(s => s.Id).HasMaxLength(UserSession.IdLength);
            session.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
            session.Property(s => s.ClientAddress).HasMaxLength(UserSession.ClientAddressMaxLength);
            session.HasIndex(s => s.UserId);
            session.HasIndex(s => s.ExpiresAt); // the expired-row sweep
            // Deleting an account deletes its sessions with it.
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Limits.SharedCounter>(counter =>
        {
            counter.HasKey(c => new { c.Key, c.WindowStart }); // the upsert's conflict target
            counter.Property(c => c.Key).HasMaxLength(Limits.SharedCounter.KeyMaxLength);
            counter.HasIndex(c => c.ExpiresAt); // the expired-window delete on every write
        });

        builder.Entity<Users.BulkBatch>(batch =>
        {
            batch.Property(b => b.Id).HasMaxLength(AuditEntry.BatchIdLength);
        });
    }
}
