using AdminPortal.Audit;
using AdminPortal.Notifications;
using AdminPortal.PasswordReset;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<AppUser, AppRole, int>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<PasswordResetCode> PasswordResetCodes => Set<PasswordResetCode>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();

    /// <summary>Raised with a table's name before a command of this context writes to it (see <see cref="WriteCommandInterceptor"/>).</summary>
    public event Action<string>? Writing;

    internal void OnWriting(string table) => Writing?.Invoke(table);

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

            // The user list filters and sorts on these.
            user.HasIndex(u => u.Email);
            user.HasIndex(u => u.UserName);
            user.HasIndex(u => new { u.Role, u.UserName });
            user.HasIndex(u => new { u.Status, u.UserName });
            user.HasIndex(u => u.CreatedAt);
        });

        builder.Entity<PasswordResetCode>(code =>
        {
            code.HasIndex(c => c.UserId).IsUnique(); // one code (and its grant) per account
            code.HasIndex(c => c.GrantHash);
            code.Property(c => c.CodeHash).HasMaxLength(128);
            code.Property(c => c.GrantHash).HasMaxLength(128);
            code.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(entry =>
        {
            entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
            entry.Property(e => e.ActorUserName).HasMaxLength(AppUser.UserNameMaxLength);
            entry.Property(e => e.TargetUserName).HasMaxLength(AppUser.UserNameMaxLength);
            entry.Property(e => e.ClientAddress).HasMaxLength(64);
            entry.Property(e => e.Reason).HasMaxLength(256);
            entry.HasIndex(e => e.At);
            entry.HasIndex(e => new { e.ActorId, e.At });
            entry.HasIndex(e => new { e.TargetId, e.At });
            entry.HasIndex(e => new { e.Action, e.At });
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
    }
}
