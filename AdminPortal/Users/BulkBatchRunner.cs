using System.Collections.Concurrent;
using System.Globalization;
using AdminPortal.Accounts;

namespace AdminPortal.Users;

/// <summary>
/// Runs the bulk actions too large for one request in the background of the instance that accepted them, each in a
/// scope of its own with a copy of what the request knew (who, from which address, through which origin, in which
/// language), so its audit entries, notifications and emails read exactly as one by one. Progress lives in the
/// database (<see cref="BulkBatch"/>). At shutdown the running batches are cancelled and marked interrupted; an
/// instance that dies without shutting down leaves its heartbeat to go stale, which reads as interrupted too.
/// The selection itself stays in this instance's memory: an interrupted batch is not resumed, its page says how far it got.
/// </summary>
public sealed partial class BulkBatchRunner(IServiceScopeFactory scopes, IHttpContextAccessor httpContextAccessor, ILogger<BulkBatchRunner> logger)
    : IHostedService
{
    // Never disposed: it has no timer, and the host may stop this service after disposing the container.
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, Task> _running = new();

    public void Start(string batchId, CurrentAccount actor, BulkAction action, IReadOnlyCollection<int> ids, HttpContext request)
    {
        var context = RequestCopy(request);
        var culture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        Task task;
        // Not the request's execution context: its HttpContext (an async local) must not be shared with, nor cleared by, the batch.
        using (ExecutionContext.SuppressFlow())
        {
            task = Task.Run(() => RunAsync(batchId, actor, action, ids, context, culture));
        }
        _running[batchId] = task;
        _ = task.ContinueWith(_ => _running.TryRemove(batchId, out Task? _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(string batchId, CurrentAccount actor, BulkAction action, IReadOnlyCollection<int> ids, HttpContext context,
        (CultureInfo Culture, CultureInfo UiCulture) culture)
    {
        CultureInfo.CurrentCulture = culture.Culture;
        CultureInfo.CurrentUICulture = culture.UiCulture;
        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        httpContextAccessor.HttpContext = context;
        var users = scope.ServiceProvider.GetRequiredService<UserAdministrationService>();
        try
        {
            await users.BulkAsync(actor, action, ids, batchId, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // marked interrupted by the service
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, batchId);
            try
            {
                await users.MarkBulkInterruptedAsync(batchId);
            }
            catch (Exception markException)
            {
                LogFailed(logger, markException, batchId); // the stale heartbeat will show it interrupted
            }
        }
        finally
        {
            httpContextAccessor.HttpContext = null;
        }
    }

    /// <summary>What the services read from the request: the signed-in account, the client address, the origin for links.</summary>
    private static DefaultHttpContext RequestCopy(HttpContext request)
    {
        var copy = new DefaultHttpContext();
        copy.SetCurrentAccount(request.GetCurrentAccount());
        copy.Connection.RemoteIpAddress = request.Connection.RemoteIpAddress;
        copy.Request.Scheme = request.Request.Scheme;
        copy.Request.Host = request.Request.Host;
        copy.Request.PathBase = request.Request.PathBase;
        return copy;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // the host's shutdown timeout: what is left shows as interrupted once its heartbeat is stale
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The bulk action of batch {BatchId} failed; it is marked interrupted.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string batchId);
}
