using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>
/// Bulk actions larger than one transaction: run in the background, their progress in the database, the result page
/// following them until they finish, and a batch that lost its instance shown as interrupted with how far it got.
/// </summary>
public sealed class BulkBatchTests : IAsyncLifetime
{
    private const int Admins = 300;
    private const int Employees = 300;

    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("boss", Roles.Admin, "boss-password");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Many accounts straight into the database (no password: nobody signs in with them).</summary>
    private Task AddAccountsAsync(string prefix, string role, int count) => _app.WithDbAsync(async db =>
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        db.Users.AddRange(Enumerable.Range(1, count).Select(i => new AppUser
        {
            UserName = $"{prefix}{i:D4}",
            NormalizedUserName = $"{prefix}{i:D4}".ToUpperInvariant(),
            Email = $"{prefix}{i:D4}@example.com",
            NormalizedEmail = $"{prefix}{i:D4}@EXAMPLE.COM",
            EmailConfirmed = true,
            DisplayName = $"{prefix} {i}",
            Role = role,
            Status = AccountStatus.Active,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        }));
        return await db.SaveChangesAsync();
    });

    /// <summary>Reads the batch's page as a browser without JavaScript would, following its refresh until the batch is over.</summary>
    private static async Task<IHtmlDocument> FollowUntilOverAsync(HttpBrowser browser, string url, Action<IHtmlDocument> whileRunning)
    {
        for (var look = 0; look < 6000; look++)
        {
            var page = await browser.GetPageAsync(url);
            if (page.QuerySelector("#batch-progress") is null)
            {
                return page;
            }
            whileRunning(page);
            await Task.Delay(20);
        }
        throw new InvalidOperationException("The batch did not finish.");
    }

    private static void AssertRunningPage(IHtmlDocument page, string expectedText)
    {
        Assert.Equal("Bulk action in progress", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains(expectedText, page.QuerySelector("#batch-progress #progress-text")!.TextContent);
        Assert.Equal("status", page.QuerySelector("#batch-progress")!.GetAttribute("role"));
        // It refreshes itself without JavaScript (noscript refresh) and with it (the nonce-free external script).
        Assert.Contains("http-equiv=\"refresh\"", page.Head!.QuerySelector("noscript")!.InnerHtml);
        Assert.NotNull(page.QuerySelector("script[src*='/js/bulk-progress']"));
        Assert.Null(page.QuerySelector("#summary"));
    }

    [Fact]
    public async Task A_large_bulk_disable_of_every_admin_runs_in_the_background_and_keeps_every_rule()
    {
        await AddAccountsAsync("badm", Roles.Admin, Admins);
        await AddAccountsAsync("bemp", Roles.Employee, Employees);
        var selected = Admins + Employees + 2; // and root and boss
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users");
        var form = HttpBrowser.FindForm(list, "form#bulk");
        var confirmation = await HttpBrowser.ParseAsync(await boss.SubmitAsync(form, new Dictionary<string, string> { ["all"] = "true" },
            form.QuerySelector("button[value='disable']") as IHtmlElement));
        Assert.Contains($"Disable these {selected} accounts?", confirmation.QuerySelector("#question")!.TextContent);

        var response = await boss.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Users/BulkResult?batch=", url);
        var result = await FollowUntilOverAsync(boss, url, page => AssertRunningPage(page, $"of {selected:N0} accounts done"));

        Assert.Equal("Result of the bulk action", result.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(result.QuerySelector("[role='status']"));
        Assert.Null(result.Head!.QuerySelector("noscript"));
        Assert.Contains($"Selected: {selected}", result.QuerySelector("#selected")!.TextContent);
        Assert.Contains($"Done: {selected - 2}", result.QuerySelector("#done")!.TextContent);
        Assert.Contains("Refused: 2", result.QuerySelector("#refused")!.TextContent);
        var refusals = result.QuerySelectorAll("#refusals tbody tr").ToDictionary(r => r.GetAttribute("data-user")!, r => r.Children[1].TextContent.Trim());
        Assert.Equal("The principal account is protected", refusals["root"]);
        Assert.Equal("Not allowed on one's own account", refusals["boss"]);

        var active = await _app.WithDbAsync(db => db.Users.Where(u => u.Status == AccountStatus.Active).Select(u => u.UserName).OrderBy(n => n).ToListAsync());
        Assert.Equal(["boss", "root"], active);
        var batchId = url[(url.IndexOf('=') + 1)..];
        var entries = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.BatchId == batchId).ToListAsync());
        Assert.Equal(selected, entries.Count);
        Assert.Equal(selected, entries.Select(e => e.TargetId).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(AuditActions.UserDisable, e.Action));
        // Written in the background, yet each entry names the administrator and the address the POST came from.
        Assert.All(entries, e => Assert.Equal("boss", e.ActorUserName));
        Assert.Single(entries.Select(e => e.ClientAddress).Distinct());
        Assert.NotNull(entries[0].ClientAddress);
        var batch = await _app.WithDbAsync(db => db.BulkBatches.SingleAsync(b => b.Id == batchId));
        Assert.Equal((BulkBatchState.Finished, selected, selected, selected - 2, 2), (batch.State, batch.Total, batch.Processed, batch.Done, batch.Refused));
    }

    [Fact]
    public async Task When_the_principal_is_disabled_a_large_batch_of_every_admin_keeps_the_last_active_user_manager()
    {
        // Without the principal and the actor in the selection, only the rule's own count can keep a user manager.
        await AddAccountsAsync("ladm", Roles.Admin, Admins);
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "root").ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        var boss = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "boss"));
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "boss").ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        var ids = await _app.WithDbAsync(db => db.Users.Where(u => u.Role == Roles.Admin && u.Status == AccountStatus.Active).Select(u => u.Id).ToListAsync());
        Assert.Equal(Admins, ids.Count);
        // The service as the runner calls it, for an actor whose own account is not among the selected ones.
        var actor = new CurrentAccount(boss.Id, "boss", "boss", Roles.Admin, Theme.System, "en", false, false);
        string batchId = "";
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserAdministrationService>();
            batchId = await users.BeginBulkAsync(actor, BulkAction.Disable, ids.Count);
            await users.BulkAsync(actor, BulkAction.Disable, ids, batchId);
        });

        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Active && u.Role == Roles.Admin)));
        var refused = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.BatchId == batchId && !e.Succeeded).ToListAsync());
        Assert.Equal("last-user-manager", Assert.Single(refused).Reason);
        Assert.Equal(Admins, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.BatchId == batchId)));
    }

    [Fact]
    public async Task A_running_batch_shows_how_many_of_its_accounts_are_done_and_refreshes_itself()
    {
        var batchId = await AddBatchAsync(total: 1000, processed: 250);
        await AddEntriesAsync(batchId, done: 240, refused: 10);
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");

        var page = await boss.GetPageAsync($"/Users/BulkResult?batch={batchId}");

        AssertRunningPage(page, "250 of 1,000 accounts done");
        Assert.Contains("240 done, 10 refused", page.QuerySelector("#progress-counts")!.TextContent);
        Assert.Equal("250", page.QuerySelector("#batch-progress progress")!.GetAttribute("value"));

        await _app.WithDbAsync(db => db.BulkBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.State, BulkBatchState.Finished).SetProperty(b => b.Processed, 1000)));
        var finished = await boss.GetPageAsync($"/Users/BulkResult?batch={batchId}");
        Assert.Null(finished.QuerySelector("#batch-progress"));
        Assert.Contains("Done: 240", finished.QuerySelector("#done")!.TextContent);
        Assert.Contains("left unchanged: 750", finished.QuerySelector("#unchanged")!.TextContent);
    }

    [Fact]
    public async Task A_batch_whose_instance_died_shows_as_interrupted_with_how_many_were_done()
    {
        var batchId = await AddBatchAsync(total: 1000, processed: 250);
        await AddEntriesAsync(batchId, done: 245, refused: 5);
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        Assert.NotNull((await boss.GetPageAsync($"/Users/BulkResult?batch={batchId}")).QuerySelector("#batch-progress"));

        _app.Clock.Advance(BulkBatch.StaleAfter + TimeSpan.FromSeconds(1)); // no heartbeat since: its instance is gone

        var page = await boss.GetPageAsync($"/Users/BulkResult?batch={batchId}");
        Assert.Null(page.QuerySelector("#batch-progress"));
        Assert.Null(page.Head!.QuerySelector("noscript"));
        Assert.Contains("interrupted after 250 of 1,000 accounts", page.QuerySelector("#interrupted")!.TextContent);
        Assert.Contains("Done: 245", page.QuerySelector("#done")!.TextContent);
        Assert.Contains("Refused: 5", page.QuerySelector("#refused")!.TextContent);
        Assert.Contains("Not reached: 750", page.QuerySelector("#not-reached")!.TextContent);

        using var spanish = await _app.SignedInBrowserAsync("boss", "boss-password");
        spanish.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "boss").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        var es = await spanish.GetPageAsync($"/Users/BulkResult?batch={batchId}");
        Assert.Contains("se interrumpió tras 250 de 1000 cuentas", es.QuerySelector("#interrupted")!.TextContent.Replace(".", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_stopped_with_its_app_is_marked_interrupted_after_its_last_committed_transaction()
    {
        await AddAccountsAsync("semp", Roles.Employee, 2 * UserAdministrationService.BulkChunkSize);
        var boss = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "boss"));
        var ids = await _app.WithDbAsync(db => db.Users.Where(u => u.Role == Roles.Employee).Select(u => u.Id).ToListAsync());
        var actor = new CurrentAccount(boss.Id, "boss", "boss", Roles.Admin, Theme.System, "en", false, false);
        string batchId = "";
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserAdministrationService>();
            batchId = await users.BeginBulkAsync(actor, BulkAction.Disable, ids.Count);
            // The app stopping right after the first transaction's progress is written.
            using var stopping = new CancellationTokenSource();
            services.GetRequiredService<AppDbContext>().Writing += table =>
            {
                if (table == "BulkBatches")
                {
                    stopping.Cancel();
                }
            };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => users.BulkAsync(actor, BulkAction.Disable, ids, batchId, stopping.Token));
        });

        var batch = await _app.WithDbAsync(db => db.BulkBatches.SingleAsync(b => b.Id == batchId));
        Assert.Equal((BulkBatchState.Interrupted, UserAdministrationService.BulkChunkSize), (batch.State, batch.Processed));
        Assert.Equal(UserAdministrationService.BulkChunkSize, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Disabled)));
        using var browser = await _app.SignedInBrowserAsync("boss", "boss-password");
        var page = await browser.GetPageAsync($"/Users/BulkResult?batch={batchId}");
        Assert.Contains($"interrupted after {UserAdministrationService.BulkChunkSize} of {ids.Count}", page.QuerySelector("#interrupted")!.TextContent);
    }

    private Task<string> AddBatchAsync(int total, int processed) => _app.WithDbAsync(async db =>
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var batch = new BulkBatch
        {
            Id = Guid.NewGuid().ToString("N"),
            ActorId = 1,
            Action = BulkAction.Disable,
            Total = total,
            Processed = processed,
            State = BulkBatchState.Running,
            StartedAt = now,
            HeartbeatAt = now,
        };
        db.BulkBatches.Add(batch);
        await db.SaveChangesAsync();
        return batch.Id;
    });

    private Task AddEntriesAsync(string batchId, int done, int refused) => _app.WithDbAsync(async db =>
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.AddRange(Enumerable.Range(0, done + refused).Select(i => new AuditEntry
        {
            At = now,
            Action = AuditActions.UserDisable,
            TargetId = 100_000 + i,
            TargetUserName = $"gone{i}",
            Succeeded = i < done,
            Reason = i < done ? null : "principal-protected",
            BatchId = batchId,
        }));
        await db.BulkBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(s => s.SetProperty(b => b.Done, done).SetProperty(b => b.Refused, refused));
        return await db.SaveChangesAsync();
    });
}
