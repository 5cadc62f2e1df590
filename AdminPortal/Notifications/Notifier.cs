using AdminPortal.Accounts;

namespace AdminPortal.Notifications;

/// <summary>
/// Tells an account's holder that someone else changed it (DESIGN.md rule 9). <see cref="Add"/> only stages the
/// notification: it is saved by the same SaveChanges as the change it reports.
/// </summary>
public sealed class Notifier(Data.AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    public const string AccountChanged = "account.changed";

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
}
