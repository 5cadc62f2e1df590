using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.TwoFactor;

/// <summary>
/// Identity's authenticator provider, registered under its name (<see cref="TokenOptions.DefaultAuthenticatorProvider"/>),
/// on the app's clock: Identity's own reads the system clock, which tests cannot move.
/// </summary>
public sealed class TotpTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    // The app generates nothing: the code comes from the holder's authenticator app.
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        await manager.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key && Totp.Verify(key, Totp.Normalize(token), time.GetUtcNow());
}
