using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Accounts;

public enum EmailChangeOutcome
{
    Changed,
    NoChange,
    Refused,
}

public sealed record EmailChangeResult(EmailChangeOutcome Outcome, string? Error = null);

/// <summary>
/// Changes the signed-in account's own email (the principal's too). Identity's validators check the format, the
/// length and case-insensitive uniqueness; the unique index on NormalizedEmail catches a concurrent request that
/// took the address meanwhile, which is answered with the same message as a plain duplicate.
/// </summary>
public sealed class AccountEmailService(
    UserManager<AppUser> userManager,
    AppDbContext db,
    AuditLog audit,
    IStringLocalizer<SharedResource> localizer,
    ILogger<AccountEmailService> logger)
{
    public Task<string?> CurrentEmailAsync(int userId, CancellationToken cancellationToken = default) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);

    public async Task<EmailChangeResult> ChangeEmailAsync(int userId, string newEmail)
    {
        newEmail = newEmail.Trim();
        var user = await userManager.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return new EmailChangeResult(EmailChangeOutcome.Refused, localizer["Unknown account."]);
        }
        var oldEmail = user.Email;
        if (string.Equals(oldEmail, newEmail, StringComparison.Ordinal))
        {
            return new EmailChangeResult(EmailChangeOutcome.NoChange);
        }
        if (!AccountFieldRules.IsPlainEmail(newEmail))
        {
            return new EmailChangeResult(EmailChangeOutcome.Refused, localizer[AccountFieldRules.EmailMessage]);
        }

        // Set directly rather than with SetEmailAsync, which would renew the security stamp and so end every
        // session; DESIGN.md rule 6 does not list an email change among what ends sessions. The email is on the
        // administrators' edit form, so an open edit of this account is then reported as stale (Users/AccountVersion).
        user.Email = newEmail;
        user.NormalizedEmail = userManager.NormalizeEmail(newEmail);
        audit.Add(AuditActions.AccountEmailChange, user.Id, user.UserName,
            new Dictionary<string, FieldChange> { ["Email"] = new(oldEmail, newEmail) });
        IdentityResult result;
        try
        {
            result = await userManager.UpdateAsync(user); // saves the audit entry in the same SaveChanges
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            result = IdentityResult.Failed(userManager.ErrorDescriber.DuplicateEmail(newEmail));
        }
        if (result.Succeeded)
        {
            logger.LogInformation("Account {UserId} changed its email.", user.Id);
            return new EmailChangeResult(EmailChangeOutcome.Changed);
        }

        db.ChangeTracker.Clear(); // drops the staged audit entry of the change that did not happen
        var duplicate = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail));
        if (duplicate)
        {
            await audit.RecordAsync(AuditActions.AccountEmailChange, user.Id, user.UserName,
                succeeded: false, reason: AuditReasons.EmailTaken);
            logger.LogInformation("Account {UserId} was refused an email already in use.", user.Id);
        }
        var error = result.Errors.First();
        var message = error.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateEmail) => localizer["This email is already used by another account."],
            nameof(IdentityErrorDescriber.InvalidEmail) => localizer["Enter a valid email address."],
            _ => (LocalizedString?)null,
        };
        return new EmailChangeResult(EmailChangeOutcome.Refused, message?.Value ?? error.Description);
    }
}
