namespace AdminPortal.Sessions;

/// <summary>
/// One sign-in (DESIGN.md "Sessions", rule 13). The cookie carries only a random key; the row is found by that key's
/// SHA-256 (<see cref="Id"/>), so neither a copy of the table nor a page that names a session (the forms that end one)
/// gives anyone a key a cookie could carry. The authentication ticket is kept serialized and data-protected.
/// </summary>
public class UserSession
{
    public const int IdLength = 64;
    public const int UserAgentMaxLength = 256;
    public const int ClientAddressMaxLength = 64;

    /// <summary>Hex SHA-256 of the random key the cookie carries.</summary>
    public string Id { get; set; } = "";
    public int UserId { get; set; }

    /// <summary>When the account signed in (kept when the session's cookie is renewed or refreshed).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The last request seen, to the minute: it is written at most once a minute.</summary>
    public DateTime LastActivityAt { get; set; }

    /// <summary>The ticket's expiry, moved forward when the cookie slides.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>"Keep me signed in" was ticked.</summary>
    public bool IsPersistent { get; set; }

    /// <summary>The User-Agent header at sign-in, cut to <see cref="UserAgentMaxLength"/>.</summary>
    public string? UserAgent { get; set; }

    /// <summary>The client address at sign-in, as the audit log records it.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>The serialized authentication ticket, data-protected.</summary>
    public byte[] Ticket { get; set; } = [];
}
