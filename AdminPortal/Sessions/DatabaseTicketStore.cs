using AdminPortal.Accounts;
using System.Globalization;
using System.Security.Cryptography;
using AdminPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Sessions;

/// <summary>
/// The Identity cookie's <see cref="CookieAuthenticationOptions.SessionStore"/>: every sign-in is a
/// <see cref="UserSession"/> row and the cookie carries only its random key, so every instance sees the same sessions
/// and deleting a row ends its session at its next request (DESIGN.md rule 13). Sign-out deletes the row (the cookie
/// handler calls <see cref="RemoveAsync(string, HttpContext, CancellationToken)"/>), and so does a ticket found expired.
/// A singleton, as the cookie options are: each call takes a context of its own (<see cref="AppDbContexts.Create"/>), so
/// these writes never join (or wait on) the request's unit of work.
/// </summary>
public sealed class DatabaseTicketStore(
    AppDbContexts contexts,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityOptions> identityOptions,
    TimeProvider time) : ITicketStore
{
    /// <summary>Last activity is written at most this often, not on every request.</summary>
    public static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Expired rows deleted at each new sign-in. Rows are only added by sign-ins, and each one removes up to this many
    /// expired rows (the ExpiresAt index finds them), so expired rows cannot pile up faster than they are swept, on any
    /// number of instances, with no background job to run on each of them. A session that ends normally is deleted at
    /// once (sign-out, or its expired cookie coming back); the sweep catches the ones never seen again.
    /// </summary>
    public const int ExpiredSweepBatch = 100;

    /// <summary>Carried in the ticket's properties so a renewed or refreshed ticket keeps the original sign-in time.</summary>
    private const string SignedInAtItem = "AdminPortal.SignedInAt";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("AdminPortal.Sessions.Ticket.v1");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var userIdClaim = ticket.Principal.FindFirst(identityOptions.Value.ClaimsIdentity.UserIdClaimType)?.Value;
        if (!int.TryParse(userIdClaim, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            throw new InvalidOperationException("A session can only be stored for a signed-in account.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (!TryGetSignedInAt(ticket.Properties, out var signedInAt))
        {
            signedInAt = now;
            ticket.Properties.Items[SignedInAtItem] = signedInAt.ToString("O", CultureInfo.InvariantCulture);
        }

        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = new UserSession
        {
            Id = IdOf(key),
            UserId = userId,
            CreatedAt = signedInAt,
            LastActivityAt = now,
            ExpiresAt = ExpiryOf(ticket, now),
            IsPersistent = ticket.Properties.IsPersistent,
            UserAgent = Truncate(httpContext?.Request.Headers.UserAgent.ToString(), UserSession.UserAgentMaxLength),
            ClientAddress = Truncate(httpContext?.Connection.RemoteIpAddress?.ToString(), UserSession.ClientAddressMaxLength),
            Ticket = Protect(ticket),
        };

        await using var db = contexts.Create();
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => s.ExpiresAt <= now).OrderBy(s => s.ExpiresAt).Take(ExpiredSweepBatch)
            .ExecuteDeleteAsync(cancellationToken);
        httpContext?.SetCurrentSession(session.Id);
        return key;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, null!, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        await using var db = contexts.Create();
        // The session and its account in one query: the account's state is what SessionValidation checks next.
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Join(db.Users.AsNoTracking().Select(SessionValidation.StateOf(db)), s => s.UserId, a => a.Id,
                (s, a) => new { s.Ticket, s.LastActivityAt, s.ExpiresAt, Account = a })
            .SingleOrDefaultAsync(cancellationToken);
        var ticket = row is null ? null : Unprotect(row.Ticket);
        if (row is null || ticket is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (row.ExpiresAt > now && now - row.LastActivityAt >= ActivityResolution)
        {
            // The condition is repeated in the UPDATE, so requests arriving together write it once.
            var due = now - ActivityResolution;
            await db.UserSessions.Where(s => s.Id == id && s.LastActivityAt <= due)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now), cancellationToken);
        }
        httpContext?.SetCurrentSession(id);
        httpContext?.SetAccountState(row.Account);
        return ticket;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>
    /// The cookie slid, or the account signed in again on this session (a refresh after its own password change): the
    /// row takes the new ticket and expiry. An UPDATE only, so a session ended meanwhile stays ended.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        var now = time.GetUtcNow().UtcDateTime;
        var expires = ExpiryOf(ticket, now);
        var protectedTicket = Protect(ticket);
        await using var db = contexts.Create();
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Ticket, protectedTicket)
            .SetProperty(x => x.ExpiresAt, expires)
            .SetProperty(x => x.LastActivityAt, now), cancellationToken);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var id = IdOf(key);
        await using var db = contexts.Create();
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The row id of a cookie's key: its SHA-256 in hex.</summary>
    public static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(data));
        }
        catch (CryptographicException)
        {
            return null; // a key ring that lost its key: the session is simply not valid any more
        }
    }

    private static DateTime ExpiryOf(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now;

    private static bool TryGetSignedInAt(AuthenticationProperties properties, out DateTime signedInAt)
    {
        signedInAt = default;
        return properties.Items.TryGetValue(SignedInAtItem, out var text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out signedInAt)
            && signedInAt.Kind == DateTimeKind.Utc;
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Which session (row id) the request's cookie belongs to, set by <see cref="DatabaseTicketStore"/>.</summary>
public static class CurrentSessionHttpContextExtensions
{
    private sealed record CurrentSession(string Id);

    public static string? GetCurrentSessionId(this HttpContext context) => context.Features.Get<CurrentSession>()?.Id;

    internal static void SetCurrentSession(this HttpContext context, string id) => context.Features.Set(new CurrentSession(id));
}
