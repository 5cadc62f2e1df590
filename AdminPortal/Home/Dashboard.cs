using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Home;

/// <summary>What an administrator's home page shows. Every number is one indexed read, so it stays cheap at a million accounts.</summary>
public sealed record AdminDashboard(
    IReadOnlyDictionary<(string Role, AccountStatus Status), int> Counts,
    int CreatedLast7Days,
    int CreatedLast30Days,
    int MustChangePassword,
    int LockedOut,
    IReadOnlyList<AuditEntry> RecentActivity)
{
    public int Total => Counts.Values.Sum();

    public int WithRole(string role) => Counts.Where(c => c.Key.Role == role).Sum(c => c.Value);

    public int WithStatus(AccountStatus status) => Counts.Where(c => c.Key.Status == status).Sum(c => c.Value);

    public int Of(string role, AccountStatus status) => Counts.GetValueOrDefault((role, status));
}

/// <summary>What everyone's home page shows about their own account.</summary>
public sealed record PersonalDashboard(
    DateTime? LastSignInAt,
    string? LastSignInAddress,
    Theme Theme,
    int UnreadCount,
    IReadOnlyList<Notifications.Notification> Unread);

public sealed class Dashboard(AppDbContext db, UserDirectory directory, TimeProvider time)
{
    public const int RecentActivityCount = 10;

    public async Task<AdminDashboard> ForAdministratorAsync(CancellationToken cancellationToken = default)
    {
        // The totals by role and status are the UserCounts rows (kept by triggers): a handful of rows, never a scan.
        var counts = await db.Database
            .SqlQuery<CountRow>($"""SELECT "Role", "Status", "Count" FROM "UserCounts" """)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var week = now.UtcDateTime.AddDays(-7);
        var month = now.UtcDateTime.AddDays(-30);
        // Range counts over the CreatedAt, MustChangePassword and LockoutEnd indexes.
        var createdLast7Days = await db.Users.CountAsync(u => u.CreatedAt >= week, cancellationToken);
        var createdLast30Days = await db.Users.CountAsync(u => u.CreatedAt >= month, cancellationToken);
        var mustChange = await db.Users.CountAsync(u => u.MustChangePassword, cancellationToken);
        var lockedOut = await directory.LockedOut(now).CountAsync(cancellationToken);
        var recent = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(RecentActivityCount)
            .ToListAsync(cancellationToken);
        return new AdminDashboard(
            counts.Where(c => c.Count > 0).ToDictionary(c => (c.Role, c.Status), c => c.Count),
            createdLast7Days, createdLast30Days, mustChange, lockedOut, recent);
    }

    public async Task<PersonalDashboard> ForAccountAsync(int userId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Theme }).SingleAsync(cancellationToken);
        // The sign-in before this session's, as banks and GitHub show it: this one is the person at the keyboard.
        var signIns = await db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetId == userId && e.Action == AuditActions.SignInSuccess && e.Succeeded) // a sign-in names the account as its target
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(2)
            .Select(e => new { e.At, e.ClientAddress })
            .ToListAsync(cancellationToken);
        var previous = signIns.Count == 2 ? signIns[1] : null;
        var unread = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.ReadAt == null);
        var unreadCount = await unread.CountAsync(cancellationToken);
        var latest = await unread.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(UnreadShown).ToListAsync(cancellationToken);
        return new PersonalDashboard(previous?.At, previous?.ClientAddress, account.Theme, unreadCount, latest);
    }

    public const int UnreadShown = 5;

    private sealed class CountRow
    {
        public string Role { get; init; } = "";
        public AccountStatus Status { get; init; }
        public int Count { get; init; }
    }
}
