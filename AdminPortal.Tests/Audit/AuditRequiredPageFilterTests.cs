using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Tests.Audit;

/// <summary>The filter itself, run on the real database around a handler that saves with or without a record.</summary>
public sealed class AuditRequiredPageFilterTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AppUser _alice = null!;

    public async ValueTask InitializeAsync() => _alice = await _app.CreateUserAsync("alice");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_post_that_saves_without_a_record_fails_loudly_in_testing()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("Testing", "POST", audited: false));
        Assert.Contains("/Users/Edit", error.Message);
        Assert.Contains("AppUser", error.Message);
    }

    [Fact]
    public async Task A_post_that_changes_rows_in_bulk_without_a_record_fails_loudly_too()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("Testing", "POST", audited: false, bulk: true));
        Assert.Contains("AppUser", error.Message);
        Assert.Equal("Changed", await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _alice.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task A_bulk_change_with_its_record_passes()
    {
        await RunAsync("Testing", "POST", audited: true, bulk: true);
        Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserUpdate));
    }

    [Fact]
    public async Task A_post_that_saves_without_a_record_fails_loudly_in_development()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("Development", "POST", audited: false));
    }

    [Fact]
    public async Task In_production_a_post_that_saves_without_a_record_gets_a_generic_one()
    {
        await RunAsync("Production", "POST", audited: false);
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.Unaudited));
        Assert.Contains("/Users/Edit", entry.Reason);
        Assert.Equal("192.0.2.50", entry.ClientAddress);
    }

    [Fact]
    public async Task A_post_that_stages_its_record_passes()
    {
        await RunAsync("Testing", "POST", audited: true);
        Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserUpdate));
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.Unaudited));
    }

    [Fact]
    public async Task A_post_that_saves_nothing_needs_no_record()
    {
        await RunAsync("Testing", "POST", audited: false, save: false);
        Assert.Empty(await _app.AuditEntriesAsync());
    }

    private async Task RunAsync(string environment, string method, bool audited, bool save = true, bool bulk = false)
    {
        var filter = new AuditRequiredPageFilter(new Environment(environment), NullLogger<AuditRequiredPageFilter>.Instance);
        await _app.AsActorAsync(_alice, async services =>
        {
            var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext!;
            http.Request.Method = method;
            var descriptor = new CompiledPageActionDescriptor { ViewEnginePath = "/Users/Edit", RelativePath = "/Pages/Users/Edit.cshtml" };
            var pageContext = new PageContext(new ActionContext(http, new RouteData(), descriptor));
            var handler = new HandlerMethodDescriptor { HttpMethod = method, Name = null };
            var executing = new PageHandlerExecutingContext(pageContext, [], handler, new Dictionary<string, object?>(), new object());
            await filter.OnPageHandlerExecutionAsync(executing, async () =>
            {
                var db = services.GetRequiredService<AppDbContext>();
                if (bulk)
                {
                    // ExecuteUpdate: nothing in the change tracker, only the command itself says a row changed.
                    await db.Users.Where(u => u.Id == _alice.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Changed"));
                    if (audited)
                    {
                        await services.GetRequiredService<AuditLog>().RecordAsync(AuditActions.UserUpdate, _alice.Id, _alice.UserName);
                    }
                    return new PageHandlerExecutedContext(pageContext, [], handler, new object()) { Result = new RedirectResult("/") };
                }
                var user = await db.Users.SingleAsync(u => u.Id == _alice.Id);
                user.DisplayName = "Changed";
                if (audited)
                {
                    services.GetRequiredService<AuditLog>().Add(AuditActions.UserUpdate, user.Id, user.UserName);
                }
                if (save)
                {
                    await db.SaveChangesAsync();
                }
                return new PageHandlerExecutedContext(pageContext, [], handler, new object()) { Result = new RedirectResult("/") };
            });
        });
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "AdminPortal";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
