using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Audit;

/// <summary>
/// Renders what an audit entry stores (action names, reason codes, field names, some values) in the reader's
/// language. The entry keeps its codes: changing language changes no data. A code this table does not know (an
/// entry written by an older version) is shown as it is stored.
/// </summary>
public static class AuditText
{
    /// <summary>English labels (localization keys) of the actions.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        [AuditActions.UserCreate] = "Account created",
        [AuditActions.UserUpdate] = "Account edited",
        [AuditActions.UserDisable] = "Account disabled",
        [AuditActions.UserEnable] = "Account enabled",
        [AuditActions.UserDelete] = "Account deleted",
        [AuditActions.UserPasswordSet] = "Password set by an administrator",
        [AuditActions.AccountPasswordChange] = "Own password changed",
        [AuditActions.AccountThemeChange] = "Own theme changed",
        [AuditActions.AccountLanguageChange] = "Own language changed",
        [AuditActions.AccountEmailChange] = "Own email changed",
        [AuditActions.SignInSuccess] = "Signed in",
        [AuditActions.SignInFailure] = "Sign-in refused",
        [AuditActions.SignOut] = "Signed out",
        [AuditActions.ResetRequest] = "Password reset code sent",
        [AuditActions.ResetVerifySuccess] = "Password reset code accepted",
        [AuditActions.ResetVerifyFailure] = "Password reset code refused",
        [AuditActions.ResetComplete] = "Password reset completed",
        [AuditActions.NotificationRead] = "Notification marked as read",
        [AuditActions.NotificationReadAll] = "All notifications marked as read",
        [AuditActions.AccountSessionEnd] = "Own session signed out",
        [AuditActions.AccountSessionEndOthers] = "Own other sessions signed out",
        [AuditActions.UserSessionEnd] = "Session of an account signed out",
        [AuditActions.UserSessionEndAll] = "All sessions of an account signed out",
        [AuditActions.RootReset] = "Principal account reset from the command line",
        [AuditActions.AccountUnlock] = "Account unlocked from the command line",
        [AuditActions.UserInvitationSend] = "Invitation sent",
        [AuditActions.InvitationAccept] = "Invitation accepted",
        [AuditActions.SignInPasswordAccepted] = "Password accepted, second factor asked",
        [AuditActions.TwoFactorEnable] = "Own authenticator app set up",
        [AuditActions.TwoFactorDisable] = "Own two-factor authentication turned off",
        [AuditActions.AuthenticatorReset] = "Own authenticator key replaced",
        [AuditActions.RecoveryCodesRenew] = "Own recovery codes renewed",
        [AuditActions.UserTwoFactorReset] = "Second factors of an account reset",
        [AuditActions.PasskeyAdd] = "Own passkey added",
        [AuditActions.PasskeyRename] = "Own passkey renamed",
        [AuditActions.PasskeyRemove] = "Own passkey removed",
        [AuditActions.UserExport] = "Accounts exported as CSV",
        [AuditActions.SignUpRequest] = "Account requested",
        [AuditActions.SignUpApprove] = "Account request approved",
        [AuditActions.SignUpReject] = "Account request rejected",
        [AuditActions.SignUpExpire] = "Account request expired and deleted",
        [AuditActions.Unaudited] = "Change without its own audit record",
    };

    /// <summary>English labels of the reason codes; {0}, {1} are the code's arguments.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReasonLabels = new Dictionary<string, string>
    {
        [AuditReasons.WrongPassword] = "Wrong password",
        [AuditReasons.LockedOut] = "Locked out after too many failed attempts",
        [AuditReasons.Disabled] = "The account is disabled",
        [AuditReasons.UnknownAccount] = "No such account",
        [AuditReasons.WrongCurrentPassword] = "Wrong current password",
        [AuditReasons.NewPasswordRejected] = "The new password was not accepted",
        [AuditReasons.EmailTaken] = "The email is already used by another account",
        [AuditReasons.NoAccountForEmail] = "No account uses this email",
        [AuditReasons.NoCodeWaiting] = "No code was waiting (none was asked for, or it was already used)",
        [AuditReasons.CodeExpired] = "The code had expired",
        [AuditReasons.CodeUsedMeanwhile] = "The code was used meanwhile",
        [AuditReasons.CodeDead] = "The code was dead after {0} wrong tries",
        [AuditReasons.WrongCode] = "Wrong code (try {0} of {1})",
        [AuditReasons.WrongSecondFactorCode] = "Wrong authenticator or recovery code",
        [AuditReasons.LastSecondFactor] = "The account must keep a second factor",
        [AuditReasons.NoSecondFactor] = "The account has no second factor",
        [AuditReasons.AuthenticatorCode] = "With an authenticator code",
        [AuditReasons.RecoveryCode] = "With a recovery code",
        [AuditReasons.RememberedBrowser] = "Second factor remembered on this browser",
        [AuditReasons.Passkey] = "With a passkey",
        [AuditReasons.PasskeyRequired] = "Password right, but the account signs in with a passkey",
        [AuditReasons.PasskeyCeremonyFailed] = "The browser's passkey answer was not accepted",
        [AuditReasons.TooManyPasskeys] = "The account has the most passkeys allowed",
        [AuditReasons.ChangedMeanwhile] = "The account was changed meanwhile",
        [AuditReasons.AuthenticatorCodeReused] = "An authenticator code already used",
        [AuditReasons.Notification] = "Notification {0}",
        [AuditReasons.NotificationCount] = "{0} notifications",
        [AuditReasons.UnauditedWrite] = "{0} changed {1}",
        ["not-user-manager"] = "Only root and administrators can manage user accounts",
        ["principal-protected"] = "The principal account is protected",
        ["own-account"] = "Not allowed on one's own account",
        ["own-sessions"] = "One's own sessions are ended from one's account settings",
        ["last-user-manager"] = "The last active account that can manage users must remain",
        ["role-not-assignable"] = "This role cannot be given",
        ["stale"] = "Someone else changed the account meanwhile",
        ["invalid-input"] = "Invalid input",
        [AuditReasons.InvitationUnknown] = "Unknown invitation link (used, replaced or never sent)",
        [AuditReasons.InvitationExpired] = "The invitation link had expired",
        ["status-not-allowed"] = "An invited account becomes active only by accepting its invitation",
        ["not-invited"] = "The account is not waiting for an invitation",
        ["invitation-cooldown"] = "An invitation was sent less than a minute before",
        ["email-not-sent"] = "The email could not be sent",
        [AuditReasons.Export] = "{0} accounts; search and filters: {1}",
        [AuditReasons.ExportAll] = "{0} accounts; no search or filters",
        [AuditReasons.ExportSelected] = "{0} accounts checked on the list",
        [AuditReasons.UserNameTaken] = "The user name is already taken",
        [AuditReasons.AwaitingApproval] = "The account request awaits an administrator's approval",
        [AuditReasons.PendingApproval] = "An account request becomes active only by approval",
        [AuditReasons.NotPending] = "The account is not a request awaiting approval",
    };

    /// <summary>English labels of the changed fields' names.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldLabels = new Dictionary<string, string>
    {
        [UserFields.UserName] = "User name",
        [UserFields.Email] = "Email",
        [UserFields.DisplayName] = "Display name",
        [UserFields.Password] = "Password",
        [UserFields.Role] = "Role",
        [UserFields.Status] = "Status",
        [nameof(AppUser.Theme)] = "Theme",
        [nameof(AppUser.Language)] = "Language",
        [nameof(AppUser.MustChangePassword)] = "Must change the password at next sign-in",
        ["LockedOutUntil"] = "Locked out until",
        [AuditFields.InvitationExpiresAt] = "Invitation valid until",
        [nameof(AppUser.TwoFactorEnabled)] = "Two-factor authentication",
        [TwoFactor.PasskeyService.AuditField] = "Passkey",
        [TwoFactor.PasskeyService.CountAuditField] = "Passkeys",
    };

    /// <summary>English labels of the values that are codes themselves (status, theme, yes/no, "set").</summary>
    public static readonly IReadOnlyDictionary<string, string> ValueLabels = new Dictionary<string, string>
    {
        [nameof(AccountStatus.Active)] = "Active",
        [nameof(AccountStatus.Disabled)] = "Disabled",
        [nameof(AccountStatus.Invited)] = "Invited",
        [nameof(AccountStatus.Pending)] = "Pending approval",
        [nameof(Theme.Light)] = "Light",
        [nameof(Theme.Dark)] = "Dark",
        [nameof(Theme.System)] = "System",
        ["True"] = "Yes",
        ["False"] = "No",
        ["set"] = "set",
    };

    public static string Action(IStringLocalizer localizer, string action) =>
        ActionLabels.TryGetValue(action, out var label) ? localizer[label] : action;

    public static string? Reason(IStringLocalizer localizer, string? reason)
    {
        if (reason is null)
        {
            return null;
        }
        var code = reason.Split(':', 2)[0];
        if (!ReasonLabels.TryGetValue(code, out var label))
        {
            return reason;
        }
        var arguments = CountArguments(label);
        var parts = reason.Split(':', arguments + 1);
        return parts.Length == arguments + 1 ? localizer[label, parts[1..]] : reason;
    }

    public static string Field(IStringLocalizer localizer, string field) =>
        FieldLabels.TryGetValue(field, out var label) ? localizer[label] : field;

    /// <summary>A value as the reader's language says it: role labels for the role, labels for status, theme and flags.</summary>
    public static string? Value(IStringLocalizer localizer, string field, string? value) => value switch
    {
        null => null,
        _ when field == UserFields.Role => localizer[Roles.Label(value)],
        _ when field == nameof(AppUser.Language) => Localization.AppLanguages.TryParse(value, out var code) ? Localization.AppLanguages.NativeName(code) : value,
        _ when field is UserFields.Status or nameof(AppUser.Theme) or nameof(AppUser.MustChangePassword) or nameof(AppUser.TwoFactorEnabled) or UserFields.Password
            && ValueLabels.TryGetValue(value, out var label) => localizer[label],
        _ => value,
    };

    private static int CountArguments(string label) =>
        label.Contains("{1}", StringComparison.Ordinal) ? 2 : label.Contains("{0}", StringComparison.Ordinal) ? 1 : 0;
}
