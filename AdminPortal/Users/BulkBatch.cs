namespace AdminPortal.Users;

public enum BulkBatchState
{
    Running = 0,
    Finished = 1,

    /// <summary>Stopped before the end (the app shut down, or an error): the accounts done so far stay done.</summary>
    Interrupted = 2,
}

/// <summary>
/// One bulk action's progress, in the database so that every instance can show it (the result page may be served by
/// another instance than the one running the batch). Its audit entries (one per account judged) share <see cref="Id"/>.
/// A batch still <see cref="BulkBatchState.Running"/> whose <see cref="HeartbeatAt"/> is older than <see cref="StaleAfter"/>
/// lost its instance (a crash or a kill, with no chance to say so) and is shown as interrupted.
/// </summary>
public sealed class BulkBatch
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public string Id { get; set; } = "";
    public int ActorId { get; set; }
    public BulkAction Action { get; set; }
    public int Total { get; set; }

    /// <summary>Accounts judged so far (done, refused, or already as asked), updated after each transaction.</summary>
    public int Processed { get; set; }
    public int Done { get; set; }
    public int Refused { get; set; }
    public BulkBatchState State { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public BulkBatchState StateAt(DateTime now) =>
        State == BulkBatchState.Running && now - HeartbeatAt > StaleAfter ? BulkBatchState.Interrupted : State;
}
