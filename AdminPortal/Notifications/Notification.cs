namespace AdminPortal.Notifications;

/// <summary>An in-app notice to one account, written in the same transaction as the change it reports.</summary>
public class Notification
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Stable kind, e.g. <c>account.changed</c>; the text is rendered (and localized) from it.</summary>
    public string Kind { get; set; } = "";
    public string? ActorUserName { get; set; }

    /// <summary>Comma-separated names of what changed (fields, status, role, password), never values of secrets.</summary>
    public string? Details { get; set; }
    public DateTime? ReadAt { get; set; }
}
