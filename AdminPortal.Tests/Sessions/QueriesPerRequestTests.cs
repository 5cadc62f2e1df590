using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Sessions;

/// <summary>
/// Issue 11: a signed-in request reads its session, its account (the stamp, status and role rule 6 checks at every
/// request) and the layout's unread count in one query, not one each. Counted from EF Core's command log.
/// </summary>
public sealed class QueriesPerRequestTests : IAsyncLifetime
{
    private readonly AppFactory _app = new AppFactory().With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/Notifications", 2)] // the session with its account and unread count, and the page's total (none: no page to read)
    [InlineData("/Users", 3)] // the session with its account, the counts table, and the page of accounts
    public async Task A_signed_in_page_reads_its_session_account_and_unread_count_in_one_query(string path, int queries)
    {
        var root = await _app.SignedInAsRootAsync();
        while (_app.Logs.TryDequeue(out _))
        {
        }

        await root.GetPageAsync(path);

        var commands = _app.Logs
            .Where(l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(l => l.Message)
            .ToList();
        var session = Assert.Single(commands, c => c.Contains("\"UserSessions\"", StringComparison.Ordinal));
        Assert.Contains("\"AspNetUsers\"", session);
        Assert.Contains("\"Notifications\"", session);
        Assert.Equal(queries, commands.Count);
    }
}
