using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>Numbers use the reader's group separator (issue 14): "1,000" in English, "1.000" in Spanish, on the list and the dashboard.</summary>
public sealed class NumberFormatTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(UserDirectory.CountLimit + 500));
        await _app.CreateUserAsync("marta", Roles.Admin, "marta-password");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "marta").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("root", AppFactory.RootPassword, "Showing 1–10 of {0} accounts", "Showing 1–10 of more than 1,000 accounts", "Showing 1,001–1,100 of more than 1,100 accounts", ",")]
    [InlineData("marta", "marta-password", "Cuentas 1–10 de {0}", "Cuentas 1–10 de más de 1.000", "Cuentas 1.001–1.100 de más de 1.100", ".")]
    public async Task The_list_and_the_dashboard_group_thousands_in_the_readers_language(string reader, string password, string everyAccount,
        string manyMatches, string eleventhPage, string separator)
    {
        var total = await _app.WithDbAsync(db => db.Users.CountAsync());
        Assert.InRange(total, 1001, 9999);
        var grouped = $"{total / 1000}{separator}{total % 1000:000}";
        using var browser = await _app.SignedInBrowserAsync(reader, password);

        // The whole list is counted exactly (the counts table); a search past UserDirectory.CountLimit says "more than".
        Assert.Equal(string.Format(everyAccount, grouped), (await browser.GetPageAsync("/Users")).QuerySelector("#total")!.TextContent.Trim());
        Assert.Equal(manyMatches, (await browser.GetPageAsync("/Users?q=.test")).QuerySelector("#total")!.TextContent.Trim());
        Assert.Equal(eleventhPage, (await browser.GetPageAsync("/Users?q=.test&size=100&page=11")).QuerySelector("#total")!.TextContent.Trim());

        var home = await browser.GetPageAsync("/");
        Assert.Equal(grouped, home.QuerySelector("[data-stat='total'] .stat-value")!.TextContent.Trim());
    }
}
