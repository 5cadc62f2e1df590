using System.Globalization;
using System.Linq.Expressions;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Sessions;

/// <summary>One open session as the sessions pages show it. <see cref="Id"/> is the row's id (a hash), never the cookie's key.</summary>
public sealed record SessionSummary(
    string Id,
    string? UserAgent,
    string? ClientAddress,
    DateTime SignedInAt,
    DateTime LastActivityAt,
    bool IsPersistent,
    bool IsCurrent)
{
    public BrowserDescription Browser => BrowserDescription.Parse(UserAgent);

    /// <summary>How the audit log names a session: browser, address and sign-in time, never its id.</summary>
    public string AuditText => string.Create(CultureInfo.InvariantCulture,
        $"{Browser}, {ClientAddress ?? "unknown address"}, signed in {SignedInAt:yyyy-MM-dd HH:mm:ss} UTC");
}

/// <summary>
/// Reads an account's open sessions and lets a signed-in user end their own (DESIGN.md "Sessions"). Ending a session
/// deletes its row, so its cookie is refused at its next request; each ending is audited in the same transaction.
/// Administrators end other accounts' sessions through <see cref="Users.UserAdministrationService"/>, where the rules
/// about whose sessions they may end live.
/// </summary>
public sealed class SessionService(AppDbContext db, AuditLog audit, TimeProvider time, ILogger<SessionService> logger)
{
    /// <summary>The account's unexpired sessions, the current one first, then the most recently active.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(int userId, string? currentSessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastActivityAt)
            .Select(Summary(currentSessionId))
            .ToListAsync(cancellationToken);
        return [.. sessions.OrderByDescending(s => s.IsCurrent)];
    }

    /// <summary>The account's session with this id, or null when it has ended or is another account's.</summary>
    public Task<SessionSummary?> FindAsync(int userId, string sessionId, string? currentSessionId, CancellationToken cancellationToken = default) =>
        db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(Summary(currentSessionId))
            .SingleOrDefaultAsync(cancellationToken)!;

    /// <summary>Ends one of the signed-in account's own sessions; false when there is no such session (any more).</summary>
    public async Task<bool> EndOwnAsync(CurrentAccount account, string sessionId, string? currentSessionId,
        CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await FindAsync(account.Id, sessionId, currentSessionId, cancellationToken);
        if (session is null)
        {
            return false;
        }
        // Recorded even if a concurrent request deleted the row first: either way this request ended it (a DELETE
        // without its record would trip the audit net).
        await DeleteAsync(account.Id, sessionId, cancellationToken);
        audit.Add(AuditActions.AccountSessionEnd, account.Id, account.UserName, reason: session.AuditText);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Account {UserId} ended one of its sessions.", account.Id);
        return true;
    }

    /// <summary>"Sign out everywhere else": ends every session of the account but the current one; how many ended.</summary>
    public async Task<int> EndOthersAsync(CurrentAccount account, string currentSessionId, CancellationToken cancellationToken = default)
    {
        var others = db.UserSessions.Where(s => s.UserId == account.Id && s.Id != currentSessionId);
        if (!await others.AnyAsync(cancellationToken))
        {
            return 0; // nothing to end, nothing written
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ended = await others.ExecuteDeleteAsync(cancellationToken);
        audit.Add(AuditActions.AccountSessionEndOthers, account.Id, account.UserName, reason: SessionCount(ended));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Account {UserId} ended its {Count} other sessions.", account.Id, ended);
        return ended;
    }

    /// <summary>Deletes one session of the account, in the caller's transaction; how many rows went (0 or 1).</summary>
    internal Task<int> DeleteAsync(int userId, string sessionId, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    internal static string SessionCount(int count) =>
        count == 1 ? "1 session" : string.Create(CultureInfo.InvariantCulture, $"{count} sessions");

    private static Expression<Func<UserSession, SessionSummary>> Summary(string? currentSessionId) => s =>
        new SessionSummary(s.Id, s.UserAgent, s.ClientAddress, s.CreatedAt, s.LastActivityAt, s.IsPersistent, s.Id == currentSessionId);
}

/// <summary>What the session list partial (Pages/Shared/_SessionList) shows; with no <see cref="EndUrl"/> it offers no buttons.</summary>
public sealed record SessionListView(IReadOnlyList<SessionSummary> Sessions, string? EndUrl, string EndLabel);
