using System.Globalization;
using System.Security.Claims;
using AdminPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.TwoFactor;

/// <summary>
/// Identity's sign-in manager with the two steps the app's own sign-in service needs in the open: hand a checked password
/// over to the two-factor step, and finish that step once the service has judged the code (lockout, audit) itself.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The "amr" value of a sign-in that took two factors (a code after the password, or a passkey).</summary>
    public const string MultiFactor = "mfa";

    /// <summary>After a checked password: the two-factor step's short cookie, or (a remembered browser) the session itself.</summary>
    public Task<SignInResult> SignInAfterPasswordAsync(AppUser user, bool isPersistent) => SignInOrTwoFactorAsync(user, isPersistent);

    /// <summary>Ends the two-factor step with a session of its own; the browser is remembered when asked.</summary>
    public async Task CompleteTwoFactorSignInAsync(AppUser user, bool isPersistent, bool rememberClient)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent, [new Claim("amr", MultiFactor)]);
        if (rememberClient)
        {
            await RememberTwoFactorClientAsync(user);
        }
    }

    /// <summary>Ends a passkey sign-in: two factors on their own (something held, and the holder's fingerprint or PIN).</summary>
    public async Task CompletePasskeySignInAsync(AppUser user, bool isPersistent)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(user, isPersistent, [new Claim("amr", MultiFactor)]);
    }

    /// <summary>
    /// A remembered browser counts only while the account's security stamp is the one it was remembered with: a password
    /// change, turning the second factor off, a new key or new recovery codes forget every browser at once (Identity
    /// checks the stamp only every 30 minutes).
    /// </summary>
    public override async Task<bool> IsTwoFactorClientRememberedAsync(AppUser user)
    {
        var result = await Context.AuthenticateAsync(IdentityConstants.TwoFactorRememberMeScheme);
        return result.Principal is { } principal
            && principal.FindFirstValue(ClaimTypes.Name) == user.Id.ToString(CultureInfo.InvariantCulture)
            && string.Equals(principal.FindFirstValue(Options.ClaimsIdentity.SecurityStampClaimType), user.SecurityStamp, StringComparison.Ordinal);
    }
}
