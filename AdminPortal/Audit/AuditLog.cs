using System.Text.Json;
using AdminPortal.Accounts;
using AdminPortal.Data;

namespace AdminPortal.Audit;

/// <summary>Old → new value of one changed field. Never a password, hash, code or cookie.</summary>
public readonly record struct FieldChange(string? Old, string? New);

/// <summary>
/// The one way writes reach the audit log. <see cref="Add"/> puts the record in the same unit of work as the
/// change, so one SaveChanges (one transaction) writes both or neither; <see cref="RecordAsync"/> writes a
/// record on its own, for refused attempts and events with no change to save.
/// </summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    public AuditEntry Add(string action, int? targetId = null, string? targetUserName = null,
        IReadOnlyDictionary<string, FieldChange>? changes = null, bool succeeded = true, string? reason = null)
    {
        var http = httpContextAccessor.HttpContext;
        var actor = http?.GetCurrentAccount();
        var entry = new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actor?.Id,
            ActorUserName = actor?.UserName,
            Action = action,
            TargetId = targetId,
            TargetUserName = targetUserName,
            Changes = changes is { Count: > 0 } ? JsonSerializer.Serialize(changes) : null,
            ClientAddress = http?.Connection.RemoteIpAddress?.ToString(),
            Succeeded = succeeded,
            Reason = reason,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task RecordAsync(string action, int? targetId = null, string? targetUserName = null,
        IReadOnlyDictionary<string, FieldChange>? changes = null, bool succeeded = true, string? reason = null,
        CancellationToken cancellationToken = default)
    {
        Add(action, targetId, targetUserName, changes, succeeded, reason);
        await db.SaveChangesAsync(cancellationToken);
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
    public const string AccountEmailChange = "account.email.change";
    public const string SignInSuccess = "auth.signin.success";
    public const string SignInFailure = "auth.signin.failure";
    public const string SignOut = "auth.signout";
    public const string ResetRequest = "reset.request";
    public const string ResetVerifyFailure = "reset.verify.failure";
    public const string ResetComplete = "reset.complete";
}
