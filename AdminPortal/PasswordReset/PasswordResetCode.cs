namespace AdminPortal.PasswordReset;

/// <summary>One emailed reset code. Only hashes are stored, never the code or the grant in clear.</summary>
public class PasswordResetCode
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public string CodeHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? UsedAt { get; set; }

    /// <summary>Hash of the single-use grant that the right code was exchanged for (step 2 → step 3).</summary>
    public string? GrantHash { get; set; }
    public DateTime? GrantExpiresAt { get; set; }
    public DateTime? GrantUsedAt { get; set; }
}
