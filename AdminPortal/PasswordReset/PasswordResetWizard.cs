using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AdminPortal.PasswordReset;

/// <summary>
/// Where the wizard is: the email typed in step 1, when its code was last sent, and (after step 2) the grant.
/// </summary>
public sealed record PasswordResetWizardState(string Email, DateTimeOffset CodeSentAt, string? Grant, DateTimeOffset ExpiresAt);

/// <summary>
/// Carries the wizard's state between steps in a data-protected, HttpOnly cookie: encrypted and signed, so the
/// email cannot be read or changed by the user between steps, and no hidden field holds it. A missing, tampered
/// or expired cookie means "start at step 1".
/// </summary>
public sealed class PasswordResetWizard(IDataProtectionProvider dataProtection, TimeProvider time, IOptions<PasswordResetOptions> options)
{
    public const string CookieName = "AdminPortal.PasswordReset";
    private const string CookiePath = "/Identity/Account";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("AdminPortal.PasswordReset.Wizard.v1");

    public PasswordResetWizardState? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }
        try
        {
            var state = JsonSerializer.Deserialize<PasswordResetWizardState>(_protector.Unprotect(value));
            return state is not null && state.ExpiresAt > time.GetUtcNow() ? state : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    public PasswordResetWizardState Start(HttpContext context, string email) =>
        Write(context, new PasswordResetWizardState(email, time.GetUtcNow(), null, default));

    public PasswordResetWizardState Write(HttpContext context, PasswordResetWizardState state)
    {
        // The state lives as long as a code, plus time to type a new password.
        state = state with { ExpiresAt = time.GetUtcNow() + options.Value.CodeLifetime + PasswordResetOptions.GrantLifetime };
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(state)), new CookieOptions
        {
            Path = CookiePath,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            IsEssential = true,
        });
        return state;
    }

    public void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath });
}
