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
/// selection holds every admin; a resend, an approval or a rejection sends one email per account, each in its own
/// transaction, and reports progress every <see cref="BulkEmailChunkSize"/> accounts. After each chunk the batch's row
/// (<see cref="BulkBatch"/>) gets the counts and a heartbeat, which the result page reads.
/// </summary>
public sealed partial class UserAdministrationService
{
    public const int BulkMaxAccounts = 10_000;
    internal const int BulkChunkSize = 250;
    internal const int BulkEmailChunkSize = 25;

    /// <summary>A selection that fits in one chunk runs inside the request; a larger one runs in the background (<see cref="BulkBatchRunner"/>).</summary>
    public static bool RunsInRequest(BulkAction action, int count) => count <= ChunkSize(action);

    private static int ChunkSize(BulkAction action) => action is BulkAction.Disable or BulkAction.Enable or BulkAction.Delete
        ? BulkChunkSize
        : BulkEmailChunkSize;

    /// <summary>Records a new batch as running, before its first account is judged; gives its id.</summary>
    public async Task<string> BeginBulkAsync(CurrentAccount actor, BulkAction action, int total, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var batch = new BulkBatch
        {
            Id = Guid.NewGuid().ToString("N"),
            ActorId = actor.Id,
            Action = action,
            Total = total,
            State = BulkBatchState.Running,
            StartedAt = now,
            HeartbeatAt = now,
        };
        db.BulkBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(batch).State = EntityState.Detached;
        return batch.Id;
    }

    /// <summary>Runs a batch begun by <see cref="BeginBulkAsync"/>, to the end or until cancelled (then it is marked interrupted).</summary>
    public async Task<BulkResult> BulkAsync(CurrentAccount actor, BulkAction action, IReadOnlyCollection<int> ids, string batchId,
        CancellationToken cancellationToken = default)
    {
        auditLog.BatchId = batchId;
        var (processed, done, refused) = (0, 0, 0);
        try
        {
            var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
            if (actorRefusal != UserRefusal.None)
            {
                await RefuseAsync(ActionName(action), null, null, actorRefusal, cancellationToken);
                await RecordProgressAsync(batchId, ids.Count, 0, ids.Count, BulkBatchState.Finished, cancellationToken);
                return new BulkResult(batchId, 0, ids.Count);
            }
            foreach (var chunk in ids.Distinct().Order().Take(BulkMaxAccounts).Chunk(ChunkSize(action)))
            {
                var (chunkDone, chunkRefused) = action switch
                {
                    BulkAction.Resend => await OneByOneAsync(chunk, id => ResendInvitationAsync(actor, id, cancellationToken)),
                    BulkAction.ApproveEmployee => await OneByOneAsync(chunk, id => ApproveRequestAsync(actor, id, Roles.Employee, cancellationToken)),
                    BulkAction.ApproveVendor => await OneByOneAsync(chunk, id => ApproveRequestAsync(actor, id, Roles.Vendor, cancellationToken)),
                    BulkAction.Reject => await OneByOneAsync(chunk, id => RejectRequestAsync(actor, id, cancellationToken)),
                    _ => await ChangeChunkAsync(actor, action, chunk, cancellationToken),
                };
                processed += chunk.Length;
                done += chunkDone;
                refused += chunkRefused;
                await RecordProgressAsync(batchId, processed, done, refused, BulkBatchState.Running, cancellationToken);
            }
            await RecordProgressAsync(batchId, processed, done, refused, BulkBatchState.Finished, cancellationToken);
            LogBulk(logger, actor.UserName, action.ToString(), batchId, done, refused);
            return new BulkResult(batchId, done, refused);
        }
        catch (OperationCanceledException)
        {
            await RecordProgressAsync(batchId, processed, done, refused, BulkBatchState.Interrupted, CancellationToken.None);
            LogBulkInterrupted(logger, actor.UserName, action.ToString(), batchId, processed, ids.Count);
            throw;
        }
        finally
        {
            auditLog.BatchId = null;
        }
    }

    /// <summary>Marks a batch interrupted after an error, keeping the counts of the transactions it committed.</summary>
    public Task MarkBulkInterruptedAsync(string batchId) =>
        db.BulkBatches.Where(b => b.Id == batchId && b.State == BulkBatchState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.State, BulkBatchState.Interrupted)
                .SetProperty(b => b.FinishedAt, time.GetUtcNow().UtcDateTime));

    private Task RecordProgressAsync(string batchId, int processed, int done, int refused, BulkBatchState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? finishedAt = state == BulkBatchState.Running ? null : now;
        return db.BulkBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Processed, processed)
            .SetProperty(b => b.Done, done)
            .SetProperty(b => b.Refused, refused)
            .SetProperty(b => b.State, state)
            .SetProperty(b => b.HeartbeatAt, now)
            .SetProperty(b => b.FinishedAt, finishedAt), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Actor}'s bulk action {Action} (batch {BatchId}) was interrupted after {Processed} of {Total} accounts.")]
    private static partial void LogBulkInterrupted(ILogger logger, string actor, string action, string batchId, int processed, int total);
}
