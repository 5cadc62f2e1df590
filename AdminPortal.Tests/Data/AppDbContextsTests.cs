using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

/// <summary>
/// Contexts are pooled (AppDbContexts): one leased again must carry nothing of its last lease that EF Core does not
/// reset itself — no audit log listening to its writes, no session spared from a restamp.
/// </summary>
public sealed class AppDbContextsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_request_context_leased_again_has_no_listener_and_no_spared_session_of_its_last_request()
    {
        await _app.CreateUserAsync("pooled-ann");
        var heardByTheFirstRequest = 0;
        AppDbContext first;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            first.Writing += _ => heardByTheFirstRequest++;
            first.SessionKeptOnRestamp = "a-session-of-the-first-request";
            await first.Users.Where(u => u.UserName == "pooled-ann").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Ann"));
        }
        Assert.Equal(1, heardByTheFirstRequest);

        // The pool hands contexts out in turn: lease until the first one comes back (holding the others meanwhile).
        var contexts = _app.Services.GetRequiredService<AppDbContexts>();
        var held = new List<AppDbContext>();
        try
        {
            AppDbContext again;
            do
            {
                again = contexts.Create();
                held.Add(again);
            }
            while (!ReferenceEquals(again, first) && held.Count <= AppDbContexts.PoolSize);
            Assert.Same(first, again);

            Assert.Null(again.SessionKeptOnRestamp);
            await again.Users.Where(u => u.UserName == "pooled-ann").ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Ann again"));
            Assert.Equal(1, heardByTheFirstRequest);
        }
        finally
        {
            foreach (var context in held)
            {
                await context.DisposeAsync();
            }
        }
    }
}
