using AdminPortal.Audit;
using AdminPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Notifications;

/// <summary>
/// One user's own notifications. Every query is scoped to the given user id, so another user's notification is
/// simply not found (the page answers 404).
/// </summary>
public sealed class NotificationInbox(Data.AppDbContext db, AuditLog audit, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int PageSize = 20;

    /// <summary>One COUNT on the (UserId, ReadAt) index; the layout asks on every page.</summary>
    public Task<int> UnreadCountAsync(int userId, CancellationToken cancellationToken = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public Task<PagedList<Notification>> PageAsync(int userId, int pageNumber, CancellationToken cancellationToken = default) =>
        PagedList<Notification>.CreateAsync(
            db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id),
            pageNumber, PageSize, cancellationToken);

    /// <summary>False when the notification does not exist or is not the user's.</summary>
    public async Task<bool> MarkReadAsync(int userId, string userName, long notificationId, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return false;
        }
        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow().UtcDateTime;
            audit.Add(AuditActions.NotificationRead, userId, userName, reason: AuditReasons.With(AuditReasons.Notification, notificationId));
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>Marks every unread notification of the user read, in one UPDATE and one transaction with its record.</summary>
    public async Task<int> MarkAllReadAsync(int userId, string userName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (count > 0)
        {
            audit.Add(AuditActions.NotificationReadAll, userId, userName, reason: AuditReasons.With(AuditReasons.NotificationCount, count));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>The localized sentence for a notification, built from its kind, actor and details.</summary>
    public string TextOf(Notification notification)
    {
        var actor = notification.ActorUserName ?? localizer["an administrator"];
        if (notification.Kind == Notifier.SessionsEnded)
        {
            return notification.Details == Notifier.AllSessions
                ? localizer["{0} signed out all your sessions.", actor]
                : localizer["{0} signed out one of your sessions.", actor];
        }
        if (notification.Kind == Notifier.SignUpRequest)
        {
            return localizer["{0} asked for an account. Approve or reject it from Users, filter Requests.", actor];
        }
        if (notification.Kind != Notifier.AccountChanged)
        {
            return localizer["{0} did something on your account.", actor];
        }
        var what = (notification.Details ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => WhatLabels.TryGetValue(d, out var label) ? localizer[label].Value : d)
            .ToList();
        return what.Count == 0
            ? localizer["{0} changed your account.", actor]
            : localizer["{0} changed your account: {1}.", actor, string.Join(", ", what)];
    }

    /// <summary>
    /// English labels (localization keys) for the field names the services pass to <see cref="Notifier"/>, as they
    /// read inside the sentence. With their article, they never equal a field's own label ("Email") ignoring case:
    /// the resource compiler keeps only one of two names that differ by case alone.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> WhatLabels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["UserName"] = "the user name",
        ["Email"] = "the email",
        ["DisplayName"] = "the display name",
        ["Role"] = "the role",
        ["Status"] = "the status",
        ["Password"] = "the password",
        ["TwoFactorEnabled"] = "the second factors",
        ["MustChangePassword"] = "the password change at next sign-in",
    };
}
