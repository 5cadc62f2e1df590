using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Email;
using AdminPortal.Invitations;
using AdminPortal.Localization;
using AdminPortal.Notifications;
using AdminPortal.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Users;

/// <summary>
/// The one place that creates, edits, disables, enables, deletes and sets the password of accounts, enforcing DESIGN.md
/// rules 1–8 (through <see cref="UserRules"/>) and writing the audit log and notifications in the same transaction.
/// </summary>
public sealed partial class UserAdministrationService(
    AppDbContext db,
    WriteTransactions writeTransactions,
    UserManager<AppUser> userManager,
    AuditLog auditLog,
    Notifier notifier,
    SessionService sessions,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    EmailSender emailSender,
    AccountEmails accountEmails,
    IOptions<InvitationOptions> invitationOptions,
    IHttpContextAccessor httpContextAccessor,
    SignUp.SignUpTiming signUpTiming,
    ILogger<UserAdministrationService> logger)
{
    public async Task<UserAdministrationResult> CreateAsync(CurrentAccount actor, NewAccount input, CancellationToken cancellationToken = default)
    {
        var refusal = UserRules.First(UserRules.ActorManagesUsers(actor.Role), UserRules.RoleIsAssignable(input.Role));
        if (refusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.UserCreate, null, input.UserName, refusal, cancellationToken);
        }
        if ((InvalidFields(input.Email, input.DisplayName) ?? InvalidLanguage(input.Language)) is { } invalid)
        {
            return await RefuseAsync(AuditActions.UserCreate, null, input.UserName, invalid, cancellationToken);
        }
        var user = new AppUser
        {
            UserName = input.UserName,
            Email = input.Email,
            EmailConfirmed = true,
            DisplayName = input.DisplayName,
            Role = input.Role,
            Status = input.Invite ? AccountStatus.Invited : AccountStatus.Active,
            // The language the administrator is using: a Spanish-speaking office creates Spanish-speaking accounts.
            Language = input.Language ?? AppLanguages.Of(System.Globalization.CultureInfo.CurrentUICulture),
            MustChangePassword = !input.Invite && input.MustChangePassword,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        return await InWriteTransactionAsync(AuditActions.UserCreate, null, input.UserName, input.UserName, input.Email, async () =>
        {
            var created = input.Invite ? await userManager.CreateAsync(user) : await userManager.CreateAsync(user, input.Password!);
            if (!created.Succeeded)
            {
                return Invalid(created);
            }
            await AddRoleRowAsync(user.Id, input.Role, cancellationToken);
            var token = input.Invite ? StageInvitation(user, existing: null) : null;
            var fields = new Dictionary<string, FieldChange>
            {
                [UserFields.UserName] = new(null, user.UserName),
                [UserFields.Email] = new(null, user.Email),
                [UserFields.DisplayName] = new(null, user.DisplayName),
                [UserFields.Role] = new(null, user.Role),
                [UserFields.Status] = new(null, user.Status.ToString()),
            };
            if (user.MustChangePassword)
            {
                fields[nameof(AppUser.MustChangePassword)] = new(null, bool.TrueString);
            }
            auditLog.Add(AuditActions.UserCreate, user.Id, user.UserName, fields);
            await db.SaveChangesAsync(cancellationToken);
            // Sent before the commit: if it does not leave, the account, its link and its record are rolled back together.
            if (token is not null && !await TrySendInvitationAsync(user, token, cancellationToken))
            {
                return Refused(UserRefusal.EmailNotSent, user.UserName);
            }
            LogCreated(logger, actor.UserName, user.UserName!, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> UpdateAsync(CurrentAccount actor, int id, AccountEdit input, CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.UserUpdate, id, input.UserName, actorRefusal, cancellationToken);
        }
        var setsPassword = !string.IsNullOrEmpty(input.NewPassword);
        return await InWriteTransactionAsync(AuditActions.UserUpdate, id, input.UserName, input.UserName, input.Email, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var targetName = user.UserName;
            var before = AccountState.Of(user);
            var after = before with { Role = input.Role, Status = input.Status };
            var changes = Differences(user, input);
            var refusal = UserRules.First(
                UserRules.PrincipalIsProtected(before),
                UserRules.NotStale(input.Version, AccountVersion.Of(user)),
                string.Equals(input.Role, before.Role, StringComparison.Ordinal) ? UserRefusal.None : UserRules.RoleIsAssignable(input.Role),
                UserRules.NotYourOwnAccount(actor.Id, before, after),
                UserRules.StatusChangeAllowed(before.Status, input.Status),
                UserRules.HasChanges(changes, setsPassword));
            if (refusal == UserRefusal.None && UserRules.MayRemoveUserManager(before, after))
            {
                refusal = UserRules.LastUserManagerStays(before, after, await OtherActiveUserManagersAsync(id, cancellationToken));
            }
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, targetName);
            }
            // Only what changes is held to the rules: a row stored before them still takes other edits, and is fixed here.
            if (InvalidFields(changes.ContainsKey(UserFields.Email) ? input.Email : null,
                    changes.ContainsKey(UserFields.DisplayName) ? input.DisplayName : null) is { } invalid)
            {
                return invalid with { TargetUserName = targetName };
            }

            if (setsPassword)
            {
                var valid = await ValidatePasswordAsync(user, input.NewPassword!);
                if (!valid.Succeeded)
                {
                    return Invalid(valid);
                }
                user.PasswordHash = userManager.PasswordHasher.HashPassword(user, input.NewPassword!);
                if (user.MustChangePassword != input.MustChangePassword)
                {
                    changes["MustChangePassword"] = new(user.MustChangePassword.ToString(), input.MustChangePassword.ToString());
                }
                user.MustChangePassword = input.MustChangePassword;
                changes[UserFields.Password] = new(null, "set");
            }
            user.UserName = input.UserName;
            user.Email = input.Email;
            user.DisplayName = input.DisplayName;
            user.Status = input.Status;
            await userManager.UpdateNormalizedUserNameAsync(user);
            await userManager.UpdateNormalizedEmailAsync(user);
            if (!string.Equals(before.Role, input.Role, StringComparison.Ordinal))
            {
                await ReplaceRoleRowAsync(user.Id, input.Role, cancellationToken);
                user.Role = input.Role;
            }

            if (input.Status == AccountStatus.Disabled && before.Status == AccountStatus.Invited)
            {
                await KillInvitationAsync(user.Id, cancellationToken);
            }
            auditLog.Add(AuditActions.UserUpdate, user.Id, user.UserName, changes);
            notifier.AccountChangedBySomeoneElse(user.Id, changes.Keys);
            var saved = UserRules.EndsSessions(before, after, setsPassword)
                ? await userManager.UpdateSecurityStampAsync(user)
                : await userManager.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                return Invalid(saved);
            }
            LogUpdated(logger, actor.UserName, user.UserName!, user.Id, string.Join(",", changes.Keys));
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    public Task<UserAdministrationResult> DisableAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default) =>
        SetStatusAsync(actor, id, AccountStatus.Disabled, AuditActions.UserDisable, cancellationToken);

    public Task<UserAdministrationResult> EnableAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default) =>
        SetStatusAsync(actor, id, AccountStatus.Active, AuditActions.UserEnable, cancellationToken);

    private async Task<UserAdministrationResult> SetStatusAsync(CurrentAccount actor, int id, AccountStatus status, string action,
        CancellationToken cancellationToken)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(action, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(action, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var before = AccountState.Of(user);
            var after = before with { Status = status };
            var refusal = UserRules.StatusChangeOrDelete(actor.Id, before, after);
            if (refusal == UserRefusal.None && UserRules.MayRemoveUserManager(before, after))
            {
                refusal = UserRules.LastUserManagerStays(before, after, await OtherActiveUserManagersAsync(id, cancellationToken));
            }
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            user.Status = status;
            if (before.Status == AccountStatus.Invited)
            {
                await KillInvitationAsync(user.Id, cancellationToken);
            }
            var changes = new Dictionary<string, FieldChange> { [UserFields.Status] = new(before.Status.ToString(), status.ToString()) };
            auditLog.Add(action, user.Id, user.UserName, changes);
            notifier.AccountChangedBySomeoneElse(user.Id, changes.Keys);
            var saved = UserRules.EndsSessions(before, after, setsPassword: false)
                ? await userManager.UpdateSecurityStampAsync(user)
                : await userManager.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                return Invalid(saved);
            }
            LogUpdated(logger, actor.UserName, user.UserName!, user.Id, UserFields.Status);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> DeleteAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.UserDelete, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(AuditActions.UserDelete, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var before = AccountState.Of(user);
            var refusal = UserRules.StatusChangeOrDelete(actor.Id, before, after: null);
            if (refusal == UserRefusal.None && UserRules.MayRemoveUserManager(before, after: null))
            {
                refusal = UserRules.LastUserManagerStays(before, after: null, await OtherActiveUserManagersAsync(id, cancellationToken));
            }
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            auditLog.Add(AuditActions.UserDelete, user.Id, user.UserName, new Dictionary<string, FieldChange>
            {
                [UserFields.UserName] = new(user.UserName, null),
                [UserFields.Email] = new(user.Email, null),
                [UserFields.Role] = new(user.Role, null),
            });
            // Deleting the row ends every session: the per-request check finds no account.
            var deleted = await userManager.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return Invalid(deleted);
            }
            LogDeleted(logger, actor.UserName, user.UserName!, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    public async Task<UserAdministrationResult> SetPasswordAsync(CurrentAccount actor, int id, string password, bool mustChangePassword,
        CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.UserPasswordSet, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(AuditActions.UserPasswordSet, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var refusal = UserRules.PrincipalIsProtected(AccountState.Of(user));
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            var valid = await ValidatePasswordAsync(user, password);
            if (!valid.Succeeded)
            {
                return Invalid(valid);
            }
            var changes = new Dictionary<string, FieldChange> { [UserFields.Password] = new(null, "set") };
            if (user.MustChangePassword != mustChangePassword)
            {
                changes["MustChangePassword"] = new(user.MustChangePassword.ToString(), mustChangePassword.ToString());
            }
            user.PasswordHash = userManager.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = mustChangePassword;
            auditLog.Add(AuditActions.UserPasswordSet, user.Id, user.UserName, changes);
            notifier.AccountChangedBySomeoneElse(user.Id, [UserFields.Password]);
            var saved = await userManager.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded)
            {
                return Invalid(saved);
            }
            LogUpdated(logger, actor.UserName, user.UserName!, user.Id, UserFields.Password);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>Ends one of another account's sessions (rule 13): deleted with its audit record and the holder's notification.</summary>
    public Task<UserAdministrationResult> EndSessionAsync(CurrentAccount actor, int id, string sessionId, CancellationToken cancellationToken = default) =>
        EndSessionsAsync(actor, id, sessionId, cancellationToken);

    /// <summary>Ends every session of another account.</summary>
    public Task<UserAdministrationResult> EndAllSessionsAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default) =>
        EndSessionsAsync(actor, id, sessionId: null, cancellationToken);

    private async Task<UserAdministrationResult> EndSessionsAsync(CurrentAccount actor, int id, string? sessionId, CancellationToken cancellationToken)
    {
        var action = sessionId is null ? AuditActions.UserSessionEndAll : AuditActions.UserSessionEnd;
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(action, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(action, id, null, null, null, async () =>
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var refusal = UserRules.SessionsMayBeEnded(actor.Id, AccountState.Of(user));
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            // Found before anything is deleted, so a refusal writes nothing; the write lock held since the transaction
            // began keeps what was found there until the DELETE.
            string reason;
            if (sessionId is null)
            {
                if (!await db.UserSessions.AnyAsync(s => s.UserId == id, cancellationToken))
                {
                    return Refused(UserRefusal.NoSuchSession, user.UserName);
                }
                reason = SessionService.SessionCount(await db.UserSessions.Where(s => s.UserId == id).ExecuteDeleteAsync(cancellationToken));
            }
            else
            {
                var session = await sessions.FindAsync(id, sessionId, currentSessionId: null, cancellationToken);
                if (session is null)
                {
                    return Refused(UserRefusal.NoSuchSession, user.UserName);
                }
                await sessions.DeleteAsync(id, sessionId, cancellationToken);
                reason = session.AuditText;
            }
            auditLog.Add(action, user.Id, user.UserName, reason: reason);
            notifier.SessionsEndedBySomeoneElse(user.Id, all: sessionId is null);
            await db.SaveChangesAsync(cancellationToken);
            LogSessionsEnded(logger, actor.UserName, user.UserName!, user.Id, reason);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// Resets another account's second factors (issue 15): the authenticator key and recovery codes are deleted and
    /// two-factor sign-in turned off, every session of the account ends (a new security stamp), its holder is notified
    /// and the audit log names who did it. Not the principal's, not one's own.
    /// </summary>
    public async Task<UserAdministrationResult> ResetSecondFactorsAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default)
    {
        const string action = AuditActions.UserTwoFactorReset;
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(action, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(action, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var refusal = UserRules.SecondFactorsMayBeReset(actor.Id, AccountState.Of(user));
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            var deleted = await TwoFactor.TwoFactorService.DeleteAuthenticatorAsync(db, user.Id);
            var passkeys = await TwoFactor.PasskeyService.DeleteAllAsync(db, user.Id);
            if (!user.TwoFactorEnabled && deleted == 0 && passkeys == 0)
            {
                return Refused(UserRefusal.NoSecondFactor, user.UserName);
            }
            var changes = new Dictionary<string, FieldChange>();
            if (user.TwoFactorEnabled)
            {
                changes[nameof(AppUser.TwoFactorEnabled)] = new(bool.TrueString, bool.FalseString);
            }
            if (passkeys > 0)
            {
                changes[TwoFactor.PasskeyService.CountAuditField] = new(passkeys.ToString(System.Globalization.CultureInfo.InvariantCulture), "0");
            }
            user.TwoFactorEnabled = false;
            auditLog.Add(action, user.Id, user.UserName, changes);
            notifier.AccountChangedBySomeoneElse(user.Id, [nameof(AppUser.TwoFactorEnabled)]);
            // The new stamp deletes every session of the account in the same save (AppDbContext, rule 6).
            var saved = await userManager.UpdateSecurityStampAsync(user);
            if (!saved.Succeeded)
            {
                return Invalid(saved);
            }
            logger.LogInformation("{Actor} reset the second factors of account {UserName} ({UserId}).", actor.UserName, user.UserName, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a write in one transaction that holds the database's write lock from its first statement, so the checks
    /// it reads and the write it makes cannot interleave with another administrator's (rules 4 and 5). A refusal
    /// rolls everything back and records the refused attempt on its own.
    /// </summary>
    private async Task<UserAdministrationResult> InWriteTransactionAsync(string action, int? targetId, string? targetUserName,
        string? userName, string? email, Func<Task<UserAdministrationResult>> work, CancellationToken cancellationToken)
    {
        UserAdministrationResult result;
        await using (var transaction = await BeginWriteTransactionAsync(cancellationToken))
        {
            try
            {
                result = await work();
            }
            // Rule 5's lost race: the unique index refused a name or email another request took after the check. It is
            // not reached while every write to the accounts waits for the write lock (WriteTransactions: BEGIN IMMEDIATE on
            // SQLite, LOCK TABLE on PostgreSQL), so nobody can take the name between Identity's duplicate check and this
            // write, and the check answers (the parallel-create test proves it on both). It stays so that a write that
            // bypasses the lock still gives the loser the field error and not a 500.
            catch (DbUpdateException e) when ((userName is not null || email is not null) && DatabaseErrors.IsUniqueViolation(e))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                result = await DuplicateAfterLostRaceAsync(targetId, userName, email, cancellationToken)
                    ?? throw new InvalidOperationException("Saving the account failed.", e);
                LogLostRace(logger, userName ?? email ?? "");
                return await RefuseAsync(action, targetId, targetUserName, result, cancellationToken);
            }
            if (result.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            await transaction.RollbackAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        return await RefuseAsync(action, targetId, targetUserName, result, cancellationToken);
    }

    private Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken) =>
        writeTransactions.BeginAsync(cancellationToken);

    private async Task<UserAdministrationResult?> DuplicateAfterLostRaceAsync(int? targetId, string? userName, string? email,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var normalizedName = userManager.NormalizeName(userName);
        var normalizedEmail = userManager.NormalizeEmail(email);
        if (normalizedName is not null
            && await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedName && u.Id != targetId, cancellationToken))
        {
            errors.Add(new FieldError(UserFields.UserName, localizer["This user name is already taken."]));
        }
        if (normalizedEmail is not null
            && await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail && u.Id != targetId, cancellationToken))
        {
            errors.Add(new FieldError(UserFields.Email, localizer["This email is already used by another account."]));
        }
        return errors.Count == 0 ? null : new UserAdministrationResult(UserRefusal.InvalidInput, null, errors);
    }

    /// <summary>
    /// Records a refused attempt on its own. Not for an unknown account (nothing to name), nor for a change that changes
    /// nothing: rule 7 says such an edit writes nothing at all.
    /// </summary>
    private async Task<UserAdministrationResult> RefuseAsync(string action, int? targetId, string? targetUserName,
        UserAdministrationResult result, CancellationToken cancellationToken)
    {
        if (result.Refusal is not (UserRefusal.NotFound or UserRefusal.NoChanges or UserRefusal.NoSuchSession))
        {
            await auditLog.RecordAsync(action, targetId, result.TargetUserName ?? targetUserName,
                succeeded: false, reason: ReasonCode(result.Refusal), cancellationToken: cancellationToken);
        }
        return result;
    }

    private Task<UserAdministrationResult> RefuseAsync(string action, int? targetId, string? targetUserName, UserRefusal refusal,
        CancellationToken cancellationToken) =>
        RefuseAsync(action, targetId, targetUserName, Refused(refusal), cancellationToken);

    private UserAdministrationResult Refused(UserRefusal refusal, string? targetUserName = null)
    {
        var message = refusal switch
        {
            UserRefusal.NotUserManager => localizer["Only root and administrators can manage user accounts."],
            UserRefusal.NotFound => localizer["There is no such account."],
            UserRefusal.PrincipalProtected => localizer["The principal account is protected: it cannot be changed from the administration pages."],
            UserRefusal.OwnAccount => localizer["You cannot disable, delete or change the role of your own account."],
            UserRefusal.LastUserManager => localizer["At least one active account that can manage users must remain."],
            UserRefusal.RoleNotAssignable => localizer["Choose a role: administrator, vendor or employee."],
            UserRefusal.NoChanges => localizer["No changes to apply."],
            UserRefusal.Stale => localizer["Someone else changed this account after you opened the form. Check its current values, then apply your changes again."],
            UserRefusal.OwnSessions => localizer["End your own sessions from Your sessions in your account settings."],
            UserRefusal.NoSuchSession => localizer["There is no such open session: it may have ended already."],
            UserRefusal.StatusNotAllowed => localizer["An invited account becomes active only when its holder accepts the invitation."],
            UserRefusal.NotInvited => localizer["This account is not waiting for an invitation to be accepted."],
            UserRefusal.InvitationCooldown => localizer["An invitation was sent less than a minute ago. Wait a moment before sending another."],
            UserRefusal.EmailNotSent => localizer["The invitation email could not be sent, so nothing was changed. Try again in a few minutes."],
            UserRefusal.OwnSecondFactors => localizer["Manage your own second factors from Two-factor authentication in your account settings."],
            UserRefusal.NoSecondFactor => localizer["This account has no second factor to reset."],
            UserRefusal.PendingApproval => localizer["An account request becomes active only when an administrator approves it: approve or reject it from its page."],
            UserRefusal.NotPending => localizer["This account is not a request awaiting approval."],
            UserRefusal.ApprovalRole => localizer["Approve the request as an employee or a vendor."],
            UserRefusal.DecisionEmailNotSent => localizer["The email to the account's holder could not be sent, so nothing was changed. Try again in a few minutes."],
            _ => localizer["The request could not be completed."],
        };
        IReadOnlyList<FieldError> fields = refusal is UserRefusal.RoleNotAssignable or UserRefusal.ApprovalRole ? [new FieldError(UserFields.Role, message)] : [];
        return new UserAdministrationResult(refusal, message, fields) { TargetUserName = targetUserName };
    }

    private UserAdministrationResult Invalid(IdentityResult result)
    {
        var errors = result.Errors.Select(e => e.Code switch
        {
            "DuplicateUserName" => new FieldError(UserFields.UserName, localizer["This user name is already taken."]),
            "DuplicateEmail" => new FieldError(UserFields.Email, localizer["This email is already used by another account."]),
            "InvalidUserName" => new FieldError(UserFields.UserName, localizer["Use 3–30 letters, digits, dots, underscores or hyphens."]),
            "InvalidUserNameLength" => new FieldError(UserFields.UserName, e.Description),
            "InvalidEmail" => new FieldError(UserFields.Email, localizer["Enter a valid email address."]),
            "InvalidEmailLength" => new FieldError(UserFields.Email, e.Description),
            "InvalidDisplayName" => new FieldError(UserFields.DisplayName, e.Description),
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError(UserFields.Password, e.Description),
            _ => null,
        }).OfType<FieldError>().ToList();
        if (result.Errors.Any(e => e.Code == "ConcurrencyFailure"))
        {
            return Refused(UserRefusal.Stale);
        }
        return errors.Count > 0
            ? new UserAdministrationResult(UserRefusal.InvalidInput, null, errors)
            : new UserAdministrationResult(UserRefusal.InvalidInput, string.Join(" ", result.Errors.Select(e => e.Description)), []);
    }

    private UserAdministrationResult? InvalidLanguage(string? language) =>
        language is null || AppLanguages.Codes.Contains(language) ? null
        : new UserAdministrationResult(UserRefusal.InvalidInput, null, [new FieldError(UserFields.Language, localizer["Choose a language: en (English) or es (Spanish)."])]);

    /// <summary>Rule 11 for the given fields (null: not checked), as field errors.</summary>
    private UserAdministrationResult? InvalidFields(string? email, string? displayName)
    {
        var errors = new List<FieldError>();
        if (!AccountFieldRules.IsPlainEmail(email))
        {
            errors.Add(new FieldError(UserFields.Email, localizer[AccountFieldRules.EmailMessage]));
        }
        if (!AccountFieldRules.IsPlainText(displayName))
        {
            errors.Add(new FieldError(UserFields.DisplayName, localizer[AccountFieldRules.DisplayNameMessage]));
        }
        return errors.Count == 0 ? null : new UserAdministrationResult(UserRefusal.InvalidInput, null, errors);
    }

    /// <summary>The audit log's code of a refusal (AuditText.ReasonLabels says it in words).</summary>
    internal static string ReasonCode(UserRefusal refusal) => refusal switch
    {
        UserRefusal.NotUserManager => "not-user-manager",
        UserRefusal.PrincipalProtected => "principal-protected",
        UserRefusal.OwnAccount => "own-account",
        UserRefusal.LastUserManager => "last-user-manager",
        UserRefusal.RoleNotAssignable => "role-not-assignable",
        UserRefusal.Stale => "stale",
        UserRefusal.InvalidInput => "invalid-input",
        UserRefusal.OwnSessions => "own-sessions",
        UserRefusal.StatusNotAllowed => "status-not-allowed",
        UserRefusal.NotInvited => "not-invited",
        UserRefusal.InvitationCooldown => "invitation-cooldown",
        UserRefusal.EmailNotSent => "email-not-sent",
        UserRefusal.OwnSecondFactors => "own-account",
        UserRefusal.NoSecondFactor => AuditReasons.NoSecondFactor,
        UserRefusal.PendingApproval => AuditReasons.PendingApproval,
        UserRefusal.NotPending => AuditReasons.NotPending,
        UserRefusal.ApprovalRole => "role-not-assignable",
        UserRefusal.DecisionEmailNotSent => "email-not-sent",
        _ => refusal.ToString(),
    };

    private async Task<IdentityResult> ValidatePasswordAsync(AppUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var result = await validator.ValidateAsync(userManager, user, password);
            errors.AddRange(result.Errors);
        }
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private static Dictionary<string, FieldChange> Differences(AppUser user, AccountEdit input)
    {
        var changes = new Dictionary<string, FieldChange>();
        void Compare(string field, string? old, string? now)
        {
            if (!string.Equals(old, now, StringComparison.Ordinal))
            {
                changes[field] = new FieldChange(old, now);
            }
        }
        Compare(UserFields.UserName, user.UserName, input.UserName);
        Compare(UserFields.Email, user.Email, input.Email);
        Compare(UserFields.DisplayName, user.DisplayName, input.DisplayName);
        Compare(UserFields.Role, user.Role, input.Role);
        Compare(UserFields.Status, user.Status.ToString(), input.Status.ToString());
        return changes;
    }

    private Task<int> OtherActiveUserManagersAsync(int targetId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.Id != targetId && u.Status == AccountStatus.Active
            && (u.Role == Roles.Root || u.Role == Roles.Admin), cancellationToken);

    private async Task AddRoleRowAsync(int userId, string role, CancellationToken cancellationToken)
    {
        var roleId = await RoleIdAsync(role, cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = userId, RoleId = roleId });
    }

    private async Task ReplaceRoleRowAsync(int userId, string newRole, CancellationToken cancellationToken)
    {
        var rows = await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(rows);
        await AddRoleRowAsync(userId, newRole, cancellationToken);
    }

    private async Task<int> RoleIdAsync(string role, CancellationToken cancellationToken)
    {
        var normalized = userManager.NormalizeName(role);
        return await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => r.Id).SingleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} created account {UserName} ({UserId}).")]
    private static partial void LogCreated(ILogger logger, string actor, string userName, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} changed account {UserName} ({UserId}): {Fields}.")]
    private static partial void LogUpdated(ILogger logger, string actor, string userName, int userId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted account {UserName} ({UserId}).")]
    private static partial void LogDeleted(ILogger logger, string actor, string userName, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} ended sessions of account {UserName} ({UserId}): {Sessions}.")]
    private static partial void LogSessionsEnded(ILogger logger, string actor, string userName, int userId, string sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "A concurrent request took {Name} first; answered as a duplicate.")]
    private static partial void LogLostRace(ILogger logger, string name);
}
