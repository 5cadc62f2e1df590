using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Seeding_adds_searchable_accounts_that_can_sign_in_and_a_second_run_adds_more()
    {
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(120));
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(30));

        var (users, withRole, distinctNames) = await _app.WithDbAsync(async db => (
            await db.Users.CountAsync(u => !u.IsPrincipal),
            await db.UserRoles.CountAsync(),
            await db.Users.Select(u => u.NormalizedUserName).Distinct().CountAsync()));
        Assert.Equal(150, users);
        Assert.Equal(151, withRole);
        Assert.Equal(151, distinctNames);

        var sample = (await _app.WithDbAsync(db => db.Users.Where(u => !u.IsPrincipal && u.Status == AccountStatus.Active)
            .OrderBy(u => u.Id).FirstAsync()));
        Assert.Matches(AppUser.UserNamePattern, sample.UserName);
        await _app.WithServicesAsync(async services =>
        {
            var manager = services.GetRequiredService<UserManager<AppUser>>();
            Assert.Equal([sample.Role], await manager.GetRolesAsync(sample));
        });
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync(sample.UserName!, DemoSeeder.DemoPassword)).StatusCode);

        using var root = await _app.SignedInAsRootAsync();
        var page = await root.GetPageAsync($"/Users?q={Uri.EscapeDataString(sample.Email![2..9])}");
        Assert.NotNull(page.QuerySelector($"tr[data-user='{sample.UserName}']"));
    }
}
