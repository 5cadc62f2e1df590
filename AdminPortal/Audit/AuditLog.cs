using System.Text.Json;
using AdminPortal.Accounts;
using AdminPortal.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Audit;

/// <summary>Old → new value of one changed field. Never a password, hash, code or cookie.</summary>
public readonly record struct FieldChange(string? Old, string? New);

/// <summary>
/// The one way writes reach the audit log. <see cref="Add"/> puts the record in the same unit of work as the
/// change, so one SaveChanges (one transaction) writes both or neither; <see cref="RecordAsync"/> writes a
/// record on its own, for refused attempts and events with no change to save.
/// It also watches every write command of the request's DbContext, so <see cref="AuditRequiredPageFilter"/> can
/// tell a POST that changed data (through SaveChanges or a bulk ExecuteUpdate/ExecuteDelete) without a record.
/// </summary>
public sealed class AuditLog
{
    /// <summary>
    /// {"Email":{"Old":"a@x","New":"b@x"}} (the format records already have); non-ASCII names stay readable in the
    /// CSV export instead of \uXXXX escapes. Every view HTML-encodes what it shows.
    /// </summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal const int ReasonMaxLength = 256;

    private readonly AppDbContext _db;
    private readonly IHttpContextAccessor _httpContextAccessor;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _savedChanges = new(StringComparer.Ordinal);

    public AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
    {
        _db = db;
        _httpContextAccessor = httpContextAccessor;
        _time = time;
        db.Writing += NoteWrite;
    }

    /// <summary>The bulk action the records added now belong to (see <see cref="AuditEntry.BatchId"/>); null outside one.</summary>
    public string? BatchId { get; set; }

    /// <summary>How many records this unit of work (one request) has staged or written.</summary>
    public int EntryCount { get; private set; }

    /// <summary>Entity types this unit of work saved changes to, other than audit records and key-ring rows.</summary>
    public IReadOnlyCollection<string> SavedChanges => _savedChanges;

    public AuditEntry Add(string action, int? targetId = null, string? targetUserName = null,
        IReadOnlyDictionary<string, FieldChange>? changes = null, bool succeeded = true, string? reason = null)
    {
        var http = _httpContextAccessor.HttpContext;
        var actor = http?.GetCurrentAccount();
        var entry = new AuditEntry
        {
            At = _time.GetUtcNow().UtcDateTime,
            ActorId = actor?.Id,
            ActorUserName = actor?.UserName,
            Action = action,
            TargetId = targetId,
            // A refused attempt may name more than a user name can hold (a typed login, an over-long name): cut to the
            // column, which PostgreSQL enforces and SQLite does not.
            TargetUserName = targetUserName is { Length: > AppUser.UserNameMaxLength } ? targetUserName[..AppUser.UserNameMaxLength] : targetUserName,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes, JsonOptions) : null,
            ClientAddress = http?.Connection.RemoteIpAddress?.ToString(),
            Succeeded = succeeded,
            Reason = reason is { Length: > ReasonMaxLength } ? reason[..ReasonMaxLength] : reason,
            BatchId = BatchId,
        };
        _db.AuditEntries.Add(entry);
        EntryCount++;
        return entry;
    }

    public async Task RecordAsync(string action, int? targetId = null, string? targetUserName = null,
        IReadOnlyDictionary<string, FieldChange>? changes = null, bool succeeded = true, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        Add(action, targetId, targetUserName, changes, succeeded, reason);
        await _db.SaveChangesAsync(cancellationToken);
    }

    // Every write command of the request's context, SaveChanges' and ExecuteUpdate/ExecuteDelete's alike, named by
    // the entity it changes. Audit records and the data-protection key ring are not changes a record is owed for.
    private void NoteWrite(string table)
    {
        var entity = _db.Model.GetEntityTypes().FirstOrDefault(e => e.GetTableName() == table);
        // The shared rate-limit counters are bookkeeping every sign-in or reset try writes, not a change to audit.
        if (entity?.ClrType != typeof(AuditEntry) && entity?.ClrType != typeof(DataProtectionKey) && entity?.ClrType != typeof(Limits.SharedCounter))
        {
            _savedChanges.Add(entity?.ShortName() ?? table);
        }
    }
}

/// <summary>Stable dotted action names (DESIGN.md rule 10, issue 6).</summary>
public static class AuditActions
{
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserDisable = "user.disable";
    public const string UserEnable = "user.enable";
    public const string UserDelete = "user.delete";
    public const string UserPasswordSet = "user.password.set";
    public const string AccountPasswordChange = "account.password.change";
    public const string AccountThemeChange = "account.theme.change";
    public const string AccountLanguageChange = "account.language.change";
    public const string AccountEmailChange = "account.email.change";
    public const string SignInSuccess = "auth.signin.success";
    public const string SignInFailure = "auth.signin.failure";
    public const string SignOut = "auth.signout";
    public const string ResetRequest = "reset.request";
    public const string ResetVerifySuccess = "reset.verify.success";
    public const string ResetVerifyFailure = "reset.verify.failure";
    public const string ResetComplete = "reset.complete";
    public const string NotificationRead = "notification.read";
    public const string NotificationReadAll = "notification.read.all";
    public const string AccountSessionEnd = "account.session.end";
    public const string AccountSessionEndOthers = "account.session.end.others";
    public const string UserSessionEnd = "user.session.end";
    public const string UserSessionEndAll = "user.session.end.all";
    public const string RootReset = "admin.root.reset";
    public const string AccountUnlock = "admin.unlock";
    public const string UserInvitationSend = "user.invitation.send";
    public const string InvitationAccept = "account.invitation.accept";
    public const string SignInPasswordAccepted = "auth.signin.password";
    public const string TwoFactorEnable = "account.2fa.enable";
    public const string TwoFactorDisable = "account.2fa.disable";
    public const string AuthenticatorReset = "account.2fa.authenticator.reset";
    public const string RecoveryCodesRenew = "account.2fa.recovery-codes";
    public const string UserTwoFactorReset = "user.2fa.reset";
    public const string UserExport = "user.export";
    public const string SignUpRequest = "account.signup.request";
    public const string SignUpApprove = "user.signup.approve";
    public const string SignUpReject = "user.signup.reject";

    /// <summary>Written by <see cref="AuditRequiredPageFilter"/> outside Development/Testing when a POST saved changes and staged no record.</summary>
    public const string Unaudited = "request.unaudited";

    /// <summary>Every action name above, for the audit log's action filter.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditActions)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToList();
}

/// <summary>Names of audited fields that are not account fields.</summary>
public static class AuditFields
{
    public const string InvitationExpiresAt = "InvitationExpiresAt";
}

/// <summary>
/// Why something was refused, as written to the audit log: stable codes, some with arguments after colons
/// (<c>wrong-code:2:5</c>). <see cref="AuditText"/> renders them in the reader's language.
/// </summary>
public static class AuditReasons
{
    public const string WrongPassword = "wrong-password";
    public const string LockedOut = "locked-out";
    public const string Disabled = "disabled";
    public const string UnknownAccount = "unknown-account";
    public const string WrongCurrentPassword = "wrong-current-password";
    public const string NewPasswordRejected = "new-password-rejected";
    public const string EmailTaken = "email-taken";
    public const string NoAccountForEmail = "no-account-for-email";
    public const string NoCodeWaiting = "no-code-waiting";
    public const string CodeExpired = "code-expired";
    public const string CodeUsedMeanwhile = "code-used-meanwhile";

    /// <summary>With the number of wrong tries allowed.</summary>
    public const string CodeDead = "code-dead";

    /// <summary>With the try's number and the number of tries allowed.</summary>
    public const string WrongCode = "wrong-code";

    public const string WrongSecondFactorCode = "wrong-second-factor-code";
    public const string LastSecondFactor = "last-second-factor";
    public const string NoSecondFactor = "no-second-factor";
    public const string AuthenticatorCode = "authenticator-code";
    public const string RecoveryCode = "recovery-code";
    public const string RememberedBrowser = "remembered-browser";

    /// <summary>With the notification's id.</summary>
    public const string Notification = "notification";

    /// <summary>With how many notifications were marked read.</summary>
    public const string NotificationCount = "notifications";

    /// <summary>With the handler and what it changed.</summary>
    public const string UnauditedWrite = "unaudited-write";

    /// <summary>An invitation link that is unknown: never issued, already used, or replaced by a newer one.</summary>
    public const string InvitationUnknown = "invitation-unknown";
    public const string InvitationExpired = "invitation-expired";

    /// <summary>A CSV export: with the number of accounts and the list's filters (as in its address).</summary>
    public const string Export = "export";

    /// <summary>A CSV export of the unfiltered list: with the number of accounts.</summary>
    public const string ExportAll = "export-all";

    /// <summary>A CSV export of the accounts checked on the list: with their number.</summary>
    public const string ExportSelected = "export-selected";
    /// <summary>Sign-up requests: a request whose name or email was taken, a request not yet approved, a decision on another account.</summary>
    public const string UserNameTaken = "user-name-taken";
    public const string AwaitingApproval = "awaiting-approval";
    public const string PendingApproval = "pending-approval";
    public const string NotPending = "not-pending";

    /// <summary>A code with its arguments, e.g. <c>With(WrongCode, 2, 5)</c> gives <c>wrong-code:2:5</c>.</summary>
    public static string With(string code, params object[] arguments) =>
        string.Join(':', [code, .. arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture))]);
}
