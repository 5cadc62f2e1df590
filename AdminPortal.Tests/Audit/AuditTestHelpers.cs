using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Audit;

internal static class AuditTestHelpers
{
    /// <summary>Runs service code in a scope of its own as if <paramref name="actor"/> made the request from <paramref name="clientAddress"/>.</summary>
    public static async Task AsActorAsync(this AppFactory app, AppUser? actor, Func<IServiceProvider, Task> work, string clientAddress = "192.0.2.50")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(clientAddress);
        if (actor is not null)
        {
            http.Features.Set(new CurrentAccount(actor.Id, actor.UserName!, actor.DisplayName, actor.Role, actor.Theme, actor.Language, false, actor.IsPrincipal));
        }
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = http;
        try
        {
            await work(scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    public static Task<AppUser> RootAsync(this AppFactory app) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.IsPrincipal));

    public static Task<List<AuditEntry>> AuditEntriesAsync(this AppFactory app, string? action = null) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => action == null || e.Action == action).OrderBy(e => e.Id).ToListAsync());
}
