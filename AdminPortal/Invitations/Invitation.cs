namespace AdminPortal.Invitations;

/// <summary>
/// The live invitation link of an <see cref="Data.AccountStatus.Invited"/> account. Only the token's hash is stored; the
/// row is replaced by a new invitation, deleted when the link is used or the account disabled, and goes with the account.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
