using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Accounts;

/// <summary>What every signed-in user may do to their own account, the principal included.</summary>
public sealed class AccountSelfService(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    ILogger<AccountSelfService> logger)
{
    /// <summary>
    /// Changes the password, clears MustChangePassword and renews this session's cookie with the new security
    /// stamp, so this session goes on while every other session of the account ends at its next request.
    /// </summary>
    public async Task<IdentityResult> ChangePasswordAsync(int userId, string currentPassword, string newPassword)
    {
        var user = await userManager.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownAccount", Description = "Unknown account." });
        }
        var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result;
        }
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            await userManager.UpdateAsync(user);
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} changed its password.", userId);
        return result;
    }
}
