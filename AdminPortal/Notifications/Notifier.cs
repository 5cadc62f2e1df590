using AdminPortal.Accounts;

namespace AdminPortal.Notifications;

/// <summary>
/// Tells an account's holder that someone else changed it (DESIGN.md rule 9). <see cref="Add"/> only stages the
/// notification: it is saved by the same SaveChanges as the change it reports.
/// </summary>
public sealed class Notifier(Data.AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    public const string AccountChanged = "account.changed";
    public const string SessionsEnded = "account.sessions.ended";
    public const string OneSession = "one";
    public const string AllSessions = "all";
    public const string SignUpRequest = "signup.requested";

    /// <summary>Stages a notice for <paramref name="userId"/> unless the signed-in actor is that user.</summary>
    public void AccountChangedBySomeoneElse(int userId, IEnumerable<string> whatChanged)
    {
        var actor = httpContextAccessor.HttpContext?.GetCurrentAccount();
        if (actor?.Id == userId)
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            UserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Kind = AccountChanged,
            ActorUserName = actor?.UserName,
            Details = string.Join(",", whatChanged),
        });
    }

    /// <summary>Stages a notice that someone else signed out one (or all) of the account's sessions.</summary>
    public void SessionsEndedBySomeoneElse(int userId, bool all)
    {
        var actor = httpContextAccessor.HttpContext?.GetCurrentAccount();
        if (actor?.Id == userId)
        {
            return;
        }
        db.Notifications.Add(new Notification
        {
            UserId = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Kind = SessionsEnded,
            ActorUserName = actor?.UserName,
            Details = all ? AllSessions : OneSession,
        });
    }

    /// <summary>Stages a notice to each user manager that <paramref name="userName"/> asked for an account.</summary>
    public void SignUpRequested(IEnumerable<int> userManagerIds, string userName)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var id in userManagerIds)
        {
            db.Notifications.Add(new Notification { UserId = id, CreatedAt = now, Kind = SignUpRequest, ActorUserName = userName });
        }
    }
}
