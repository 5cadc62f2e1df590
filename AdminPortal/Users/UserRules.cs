using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>Why an administration action was refused. <see cref="None"/> means it may go ahead.</summary>
public enum UserRefusal
{
    None,
    NotUserManager,
    NotFound,
    PrincipalProtected,
    OwnAccount,
    LastUserManager,
    RoleNotAssignable,
    NoChanges,
    Stale,
    InvalidInput,
    OwnSessions,
    NoSuchSession,
    StatusNotAllowed,
    NotInvited,
    InvitationCooldown,
    EmailNotSent,
    OwnSecondFactors,
    NoSecondFactor,
    PendingApproval,
    NotPending,
    ApprovalRole,
    DecisionEmailNotSent,
}

/// <summary>What the rules need to know about an account, before or after a change.</summary>
public readonly record struct AccountState(int Id, string Role, AccountStatus Status, bool IsPrincipal)
{
    public bool IsActiveUserManager => Status == AccountStatus.Active && Roles.ManagesUsers(Role);

    public static AccountState Of(AppUser user) => new(user.Id, user.Role, user.Status, user.IsPrincipal);
}

/// <summary>
/// DESIGN.md rules 1, 2, 3, 4, 7 and 8 as plain code: no database, no HTTP. <see cref="UserAdministrationService"/> loads the
/// facts (inside its write transaction) and asks here; the unit tests ask here directly.
/// </summary>
public static class UserRules
{
    /// <summary>
    /// Rule 1: only root and admin manage users. The pages' folder policy already turns others away; this holds for
    /// any other caller of the service too.
    /// </summary>
    public static UserRefusal ActorManagesUsers(string actorRole) =>
        Roles.ManagesUsers(actorRole) ? UserRefusal.None : UserRefusal.NotUserManager;

    /// <summary>Rule 2: nobody edits, disables, enables, deletes or sets the password of the principal here.</summary>
    public static UserRefusal PrincipalIsProtected(AccountState target) =>
        target.IsPrincipal ? UserRefusal.PrincipalProtected : UserRefusal.None;

    /// <summary>Rule 3: no disabling, deleting or changing the role of your own account.</summary>
    public static UserRefusal NotYourOwnAccount(int actorId, AccountState before, AccountState? after)
    {
        if (actorId != before.Id)
        {
            return UserRefusal.None;
        }
        var deleted = after is null;
        var disabled = after is { Status: AccountStatus.Disabled } && before.Status != AccountStatus.Disabled;
        var roleChanged = after is { } a && !string.Equals(a.Role, before.Role, StringComparison.Ordinal);
        return deleted || disabled || roleChanged ? UserRefusal.OwnAccount : UserRefusal.None;
    }

    /// <summary>
    /// Rule 4: an active account that can manage users must remain. <paramref name="otherActiveUserManagers"/> counts the
    /// active user managers other than the target, read in the same transaction as the write.
    /// </summary>
    public static UserRefusal LastUserManagerStays(AccountState before, AccountState? after, int otherActiveUserManagers) =>
        before.IsActiveUserManager && after is not { IsActiveUserManager: true } && otherActiveUserManagers == 0
            ? UserRefusal.LastUserManager
            : UserRefusal.None;

    /// <summary>Whether a change can take away an active user manager, so the count above is needed.</summary>
    public static bool MayRemoveUserManager(AccountState before, AccountState? after) =>
        before.IsActiveUserManager && after is not { IsActiveUserManager: true };

    /// <summary>Root is never assignable; only admin, vendor and employee are.</summary>
    public static UserRefusal RoleIsAssignable(string role) =>
        Roles.Assignable.Contains(role) ? UserRefusal.None : UserRefusal.RoleNotAssignable;

    /// <summary>Rule 8: the form must have been loaded from the account as it is now (see <see cref="AccountVersion"/>).</summary>
    public static UserRefusal NotStale(string? versionInForm, string versionNow) =>
        string.Equals(versionInForm, versionNow, StringComparison.Ordinal) ? UserRefusal.None : UserRefusal.Stale;

    /// <summary>Rule 7: an edit that differs in nothing writes nothing.</summary>
    public static UserRefusal HasChanges(IReadOnlyDictionary<string, Audit.FieldChange> changes, bool setsPassword) =>
        changes.Count > 0 || setsPassword ? UserRefusal.None : UserRefusal.NoChanges;

    /// <summary>Rule 6: these changes must end the account's sessions.</summary>
    public static bool EndsSessions(AccountState before, AccountState? after, bool setsPassword) =>
        setsPassword || after is null
        || (after.Value.Status == AccountStatus.Disabled && before.Status != AccountStatus.Disabled)
        || !string.Equals(after.Value.Role, before.Role, StringComparison.Ordinal);

    /// <summary>
    /// Rule 13 from the administration pages: an administrator may end another account's sessions, but not the
    /// principal's (rule 2) nor their own (those are ended from "Your sessions", which keeps the one in use).
    /// </summary>
    public static UserRefusal SessionsMayBeEnded(int actorId, AccountState target) =>
        target.IsPrincipal ? UserRefusal.PrincipalProtected
        : actorId == target.Id ? UserRefusal.OwnSessions
        : UserRefusal.None;

    /// <summary>
    /// Invitations: only an invitation makes an account Invited, and only its acceptance makes an Invited account Active
    /// (an admin may still disable it, which kills the link).
    /// </summary>
    public static UserRefusal StatusChangeAllowed(AccountStatus before, AccountStatus after) =>
        before == after ? UserRefusal.None
        : before == AccountStatus.Pending || after == AccountStatus.Pending ? UserRefusal.PendingApproval
        : after == AccountStatus.Invited || (before == AccountStatus.Invited && after == AccountStatus.Active) ? UserRefusal.StatusNotAllowed
        : UserRefusal.None;

    /// <summary>"Resend invitation": an invited account, not the principal, and not again within the reset codes' cooldown.</summary>
    public static UserRefusal InvitationMayBeSent(AccountState target, DateTime? lastSentAt, DateTime now) =>
        target.IsPrincipal ? UserRefusal.PrincipalProtected
        : target.Status != AccountStatus.Invited ? UserRefusal.NotInvited
        : lastSentAt is { } sent && now - sent < PasswordReset.PasswordResetOptions.ResendCooldown ? UserRefusal.InvitationCooldown
        : UserRefusal.None;

    /// <summary>An invitation link works while its account is still Invited and it has not expired (used or replaced links have no row).</summary>
    public static bool InvitationIsUsable(AccountStatus status, DateTime expiresAt, DateTime now) =>
        status == AccountStatus.Invited && expiresAt > now;

    /// <summary>
    /// A disable, enable (<paramref name="after"/> with the new status) or delete (null) of one account, judged the same way
    /// one by one and in bulk (rule 14); the last-user-manager count comes after (<see cref="LastUserManagerStays"/>).
    /// </summary>
    public static UserRefusal StatusChangeOrDelete(int actorId, AccountState before, AccountState? after) =>
        First(
            PrincipalIsProtected(before),
            NotYourOwnAccount(actorId, before, after),
            after is not { } a ? UserRefusal.None
            : before.Status == a.Status ? UserRefusal.NoChanges
            : StatusChangeAllowed(before.Status, a.Status));

    /// <summary>An administrator resets another account's second factors: never the principal's, never their own.</summary>
    public static UserRefusal SecondFactorsMayBeReset(int actorId, AccountState target) =>
        target.IsPrincipal ? UserRefusal.PrincipalProtected
        : actorId == target.Id ? UserRefusal.OwnSecondFactors
        : UserRefusal.None;

    /// <summary>Sign-up requests: only a Pending account is approved or rejected, and approved as an employee or a vendor.</summary>
    public static UserRefusal RequestMayBeDecided(AccountState target, string? approvedRole) =>
        target.IsPrincipal ? UserRefusal.PrincipalProtected
        : target.Status != AccountStatus.Pending ? UserRefusal.NotPending
        : approvedRole is not null && approvedRole is not (Roles.Employee or Roles.Vendor) ? UserRefusal.ApprovalRole
        : UserRefusal.None;

    /// <summary>Runs checks in order and gives the first refusal.</summary>
    public static UserRefusal First(params UserRefusal[] checks) =>
        checks.FirstOrDefault(c => c != UserRefusal.None);
}
