using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

/// <summary>What every signed-in user may do to their own account, the principal included.</summary>
public sealed class AccountSelfService(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    AppDbContext db,
    AuditLog audit,
    ILogger<AccountSelfService> logger)
{
    /// <summary>
    /// Changes the password, clears MustChangePassword and renews this session (<paramref name="currentSessionId"/>) with
    /// the new security stamp, so this session goes on while every other session of the account is deleted at once.
    /// The new hash and the audit record are saved in one transaction; a refused change is recorded as refused.
    /// </summary>
    public async Task<IdentityResult> ChangePasswordAsync(int userId, string? currentSessionId, string currentPassword, string newPassword)
    {
        var user = await userManager.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "UnknownAccount", Description = "Unknown account." });
        }
        IdentityResult result;
        db.SessionKeptOnRestamp = currentSessionId;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
            if (result.Succeeded)
            {
                var changes = new Dictionary<string, FieldChange>();
                if (user.MustChangePassword)
                {
                    changes[nameof(AppUser.MustChangePassword)] = new("True", "False");
                    user.MustChangePassword = false;
                }
                audit.Add(AuditActions.AccountPasswordChange, user.Id, user.UserName, changes);
                var saved = await userManager.UpdateAsync(user);
                if (!saved.Succeeded)
                {
                    return saved; // the transaction rolls back: neither the new password nor its record
                }
                await transaction.CommitAsync();
            }
        }
        if (!result.Succeeded)
        {
            // Nothing of the refused change may ride along with the record.
            db.ChangeTracker.Clear();
            var reason = result.Errors.Any(e => e.Code == "PasswordMismatch") ? AuditReasons.WrongCurrentPassword : AuditReasons.NewPasswordRejected;
            await audit.RecordAsync(AuditActions.AccountPasswordChange, user.Id, user.UserName, succeeded: false, reason: reason);
            return result;
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} changed its password.", userId);
        return result;
    }
}
