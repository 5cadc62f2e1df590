using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

public enum BulkAction
{
    Disable,
    Enable,
    Delete,
    Resend,
    ApproveEmployee,
    ApproveVendor,
    Reject,
}

/// <summary>What a bulk action did; its audit entries (one per account judged) share <see cref="BatchId"/>.</summary>
public sealed record BulkResult(string BatchId, int Done, int Refused);

/// <summary>
/// Bulk actions on the user list (rule 14): every account judged by the same rules as one by one, one audit entry per
/// account sharing a batch id. Disable, enable and delete run in transactions of <see cref="BulkChunkSize"/> accounts,
/// each holding the write lock and counting the active user managers inside it, so the last one stays even when the
/// selection holds every admin; a resend, an approval or a rejection sends one email per account, each in its own transaction.
/// </summary>
public sealed partial class UserAdministrationService
{
    public const int BulkMaxAccounts = 10_000;
    internal const int BulkChunkSize = 250;

    public async Task<BulkResult> BulkAsync(CurrentAccount actor, BulkAction action, IReadOnlyCollection<int> ids,
        CancellationToken cancellationToken = default)
    {
        var batchId = Guid.NewGuid().ToString("N");
        auditLog.BatchId = batchId;
        try
        {
            var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
            if (actorRefusal != UserRefusal.None)
            {
                await RefuseAsync(ActionName(action), null, null, actorRefusal, cancellationToken);
                return new BulkResult(batchId, 0, ids.Count);
            }
            var (done, refused) = (0, 0);
            foreach (var chunk in ids.Distinct().Order().Take(BulkMaxAccounts).Chunk(BulkChunkSize))
            {
                var (chunkDone, chunkRefused) = action switch
                {
                    BulkAction.Resend => await OneByOneAsync(chunk, id => ResendInvitationAsync(actor, id, cancellationToken)),
                    BulkAction.ApproveEmployee => await OneByOneAsync(chunk, id => ApproveRequestAsync(actor, id, Roles.Employee, cancellationToken)),
                    BulkAction.ApproveVendor => await OneByOneAsync(chunk, id => ApproveRequestAsync(actor, id, Roles.Vendor, cancellationToken)),
                    BulkAction.Reject => await OneByOneAsync(chunk, id => RejectRequestAsync(actor, id, cancellationToken)),
                    _ => await ChangeChunkAsync(actor, action, chunk, cancellationToken),
                };
                done += chunkDone;
                refused += chunkRefused;
            }
            LogBulk(logger, actor.UserName, action.ToString(), batchId, done, refused);
            return new BulkResult(batchId, done, refused);
        }
        finally
        {
            auditLog.BatchId = null;
        }
    }

    /// <summary>Actions that email each holder: one transaction per account, so a mail server that fails undoes only that one.</summary>
    private static async Task<(int Done, int Refused)> OneByOneAsync(int[] ids, Func<int, Task<UserAdministrationResult>> act)
    {
        var (done, refused) = (0, 0);
        foreach (var id in ids)
        {
            var result = await act(id);
            if (result.Succeeded)
            {
                done++;
            }
            else if (result.Refusal is not (UserRefusal.NotFound or UserRefusal.NoChanges))
            {
                refused++;
            }
        }
        return (done, refused);
    }

    private async Task<(int Done, int Refused)> ChangeChunkAsync(CurrentAccount actor, BulkAction action, int[] ids, CancellationToken cancellationToken)
    {
        var name = ActionName(action);
        var (done, refused) = (0, 0);
        await using (var transaction = await BeginWriteTransactionAsync(cancellationToken))
        {
            var users = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(cancellationToken);
            var activeUserManagers = await db.Users.CountAsync(u => u.Status == AccountStatus.Active
                && (u.Role == Roles.Root || u.Role == Roles.Admin), cancellationToken);
            var invitationsToKill = new List<int>();
            foreach (var user in users)
            {
                var before = AccountState.Of(user);
                AccountState? after = action switch
                {
                    BulkAction.Disable => before with { Status = AccountStatus.Disabled },
                    BulkAction.Enable => before with { Status = AccountStatus.Active },
                    _ => null,
                };
                var refusal = UserRules.StatusChangeOrDelete(actor.Id, before, after);
                if (refusal == UserRefusal.None && UserRules.MayRemoveUserManager(before, after))
                {
                    refusal = UserRules.LastUserManagerStays(before, after, activeUserManagers - 1);
                    activeUserManagers -= refusal == UserRefusal.None ? 1 : 0;
                }
                else if (refusal == UserRefusal.None && before is { IsActiveUserManager: false } && after is { IsActiveUserManager: true })
                {
                    activeUserManagers++;
                }
                if (refusal == UserRefusal.NoChanges)
                {
                    continue; // as one by one: a change that changes nothing writes nothing
                }
                if (refusal != UserRefusal.None)
                {
                    auditLog.Add(name, user.Id, user.UserName, succeeded: false, reason: ReasonCode(refusal));
                    refused++;
                    continue;
                }
                if (after is not { } changed)
                {
                    auditLog.Add(AuditActions.UserDelete, user.Id, user.UserName, new Dictionary<string, FieldChange>
                    {
                        [UserFields.UserName] = new(user.UserName, null),
                        [UserFields.Email] = new(user.Email, null),
                        [UserFields.Role] = new(user.Role, null),
                    });
                    db.Users.Remove(user); // its sessions, role, invitation and notifications go with it (cascade)
                }
                else
                {
                    if (before.Status == AccountStatus.Invited)
                    {
                        invitationsToKill.Add(user.Id);
                    }
                    user.Status = changed.Status;
                    if (UserRules.EndsSessions(before, after, setsPassword: false))
                    {
                        // As UserManager.UpdateSecurityStampAsync: a new stamp, whose save ends the account's sessions.
                        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                    }
                    user.ConcurrencyStamp = Guid.NewGuid().ToString();
                    var changes = new Dictionary<string, FieldChange> { [UserFields.Status] = new(before.Status.ToString(), changed.Status.ToString()) };
                    auditLog.Add(name, user.Id, user.UserName, changes);
                    notifier.AccountChangedBySomeoneElse(user.Id, changes.Keys);
                }
                done++;
            }
            if (invitationsToKill.Count > 0)
            {
                await db.Invitations.Where(i => invitationsToKill.Contains(i.UserId)).ExecuteDeleteAsync(cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        return (done, refused);
    }

    private static string ActionName(BulkAction action) => action switch
    {
        BulkAction.Disable => AuditActions.UserDisable,
        BulkAction.Enable => AuditActions.UserEnable,
        BulkAction.Delete => AuditActions.UserDelete,
        BulkAction.ApproveEmployee or BulkAction.ApproveVendor => AuditActions.SignUpApprove,
        BulkAction.Reject => AuditActions.SignUpReject,
        _ => AuditActions.UserInvitationSend,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} ran the bulk action {Action} (batch {BatchId}): {Done} done, {Refused} refused.")]
    private static partial void LogBulk(ILogger logger, string actor, string action, string batchId, int done, int refused);
}
