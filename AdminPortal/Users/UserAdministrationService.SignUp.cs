using System.Diagnostics;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Email;
using AdminPortal.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>What "Request an account" gives.</summary>
public sealed record AccountRequest(string UserName, string Email, string DisplayName, string Password);

/// <summary>
/// Sign-up requests (DESIGN.md "Account lifecycle", <c>AdminPortal:SelfRegistration</c>): a newcomer's request creates a
/// Pending account, which cannot sign in, and tells the user managers; an administrator approves it (Active employee or
/// vendor) or rejects it (deleted), and its holder is emailed either way. A request whose user name or email is taken
/// creates nothing and sends nothing, but answers the same and takes about as long (<see cref="SignUp.SignUpTiming"/>),
/// so the page tells nobody which accounts exist.
/// </summary>
public sealed partial class UserAdministrationService
{
    /// <summary>
    /// Field errors come only from what was typed (format, password rules), never from whether the name or email is in
    /// use: a taken one gives the same success as a free one.
    /// </summary>
    public async Task<UserAdministrationResult> RequestAccountAsync(AccountRequest input, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (InvalidFields(input.Email, input.DisplayName) is { } invalid)
        {
            return invalid;
        }
        var user = new AppUser
        {
            UserName = input.UserName,
            Email = input.Email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName,
            Role = Roles.Employee, // until an administrator chooses employee or vendor on approval
            Status = AccountStatus.Pending,
            Language = AppLanguages.Of(System.Globalization.CultureInfo.CurrentUICulture),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var valid = await ValidatePasswordAsync(user, input.Password);
        if (!valid.Succeeded)
        {
            return Invalid(valid);
        }

        string? taken;
        await using (var transaction = await BeginWriteTransactionAsync(cancellationToken))
        {
            taken = await TakenAsync(input.UserName, input.Email, cancellationToken);
            if (taken is null)
            {
                var created = await userManager.CreateAsync(user, input.Password);
                var errors = created.Errors.Where(e => e.Code is not ("DuplicateUserName" or "DuplicateEmail")).ToArray();
                if (errors.Length > 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                    return Invalid(IdentityResult.Failed(errors));
                }
                taken = created.Succeeded ? null : AuditReasons.EmailTaken;
            }
            if (taken is null)
            {
                await AddRoleRowAsync(user.Id, user.Role, cancellationToken);
                auditLog.Add(AuditActions.SignUpRequest, user.Id, user.UserName, new Dictionary<string, FieldChange>
                {
                    [UserFields.UserName] = new(null, user.UserName),
                    [UserFields.Email] = new(null, user.Email),
                    [UserFields.DisplayName] = new(null, user.DisplayName),
                    [UserFields.Status] = new(null, user.Status.ToString()),
                });
                var userManagers = await db.Users.Where(u => u.Status == AccountStatus.Active && (u.Role == Roles.Root || u.Role == Roles.Admin))
                    .Select(u => u.Id).ToListAsync(cancellationToken);
                notifier.SignUpRequested(userManagers, user.UserName!);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        if (taken is null)
        {
            signUpTiming.Equalizer.Record(Stopwatch.GetElapsedTime(started));
            LogRequested(logger, user.UserName!, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }
        // As much work as a creation: the password hashed, a record written; then as long as a creation takes here.
        _ = userManager.PasswordHasher.HashPassword(user, input.Password);
        await auditLog.RecordAsync(AuditActions.SignUpRequest, null, input.UserName, succeeded: false, reason: taken, cancellationToken: cancellationToken);
        LogRequestTaken(logger);
        await signUpTiming.Equalizer.WaitAsync(started, cancellationToken);
        return UserAdministrationResult.Success(0);
    }

    /// <summary>Approves a sign-up request: the account becomes an Active employee or vendor, and its holder is emailed.</summary>
    public async Task<UserAdministrationResult> ApproveRequestAsync(CurrentAccount actor, int id, string role, CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.SignUpApprove, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(AuditActions.SignUpApprove, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var refusal = UserRules.RequestMayBeDecided(AccountState.Of(user), role);
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            var changes = new Dictionary<string, FieldChange>
            {
                [UserFields.Status] = new(user.Status.ToString(), nameof(AccountStatus.Active)),
            };
            if (!string.Equals(user.Role, role, StringComparison.Ordinal))
            {
                changes[UserFields.Role] = new(user.Role, role);
                await ReplaceRoleRowAsync(user.Id, role, cancellationToken);
                user.Role = role;
            }
            user.Status = AccountStatus.Active;
            auditLog.Add(AuditActions.SignUpApprove, user.Id, user.UserName, changes);
            var saved = await userManager.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                return Invalid(saved);
            }
            // Sent before the commit: if it does not leave, the request stays as it was.
            if (!await TrySendAsync(accountEmails.SignUpApproved(user.Email!, user.DisplayName, user.Language, user.UserName!,
                    PublicOrigin() + AccountServiceExtensions.LoginPath), cancellationToken))
            {
                return Refused(UserRefusal.DecisionEmailNotSent, user.UserName);
            }
            LogApproved(logger, actor.UserName, user.UserName!, user.Id, role);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>Rejects a sign-up request: the account is deleted and its holder emailed.</summary>
    public async Task<UserAdministrationResult> RejectRequestAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.SignUpReject, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(AuditActions.SignUpReject, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var refusal = UserRules.RequestMayBeDecided(AccountState.Of(user), approvedRole: null);
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            auditLog.Add(AuditActions.SignUpReject, user.Id, user.UserName, new Dictionary<string, FieldChange>
            {
                [UserFields.UserName] = new(user.UserName, null),
                [UserFields.Email] = new(user.Email, null),
            });
            var message = accountEmails.SignUpRejected(user.Email!, user.DisplayName, user.Language);
            var deleted = await userManager.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return Invalid(deleted);
            }
            if (!await TrySendAsync(message, cancellationToken))
            {
                return Refused(UserRefusal.DecisionEmailNotSent, user.UserName);
            }
            LogRejected(logger, actor.UserName, user.UserName!, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>Which of the two is in use (the email first), as the reason code of the refused request; null when both are free.</summary>
    private async Task<string?> TakenAsync(string userName, string email, CancellationToken cancellationToken)
    {
        var normalizedEmail = userManager.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken))
        {
            return AuditReasons.EmailTaken;
        }
        var normalizedName = userManager.NormalizeName(userName);
        return await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedName, cancellationToken) ? AuditReasons.UserNameTaken : null;
    }

    private async Task<bool> TrySendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await emailSender.SendAsync(message, cancellationToken);
            return true;
        }
        catch (EmailDeliveryException)
        {
            return false; // logged by the sender
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserName} ({UserId}) was requested; it awaits approval.")]
    private static partial void LogRequested(ILogger logger, string userName, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "An account request named a user name or email already in use; nothing was created.")]
    private static partial void LogRequestTaken(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} approved the account request {UserName} ({UserId}) as {Role}.")]
    private static partial void LogApproved(ILogger logger, string actor, string userName, int userId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} rejected the account request {UserName} ({UserId}).")]
    private static partial void LogRejected(ILogger logger, string actor, string userName, int userId);
}
