using System.Globalization;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_dashboards_numbers_equal_the_databases_counts_and_link_to_the_matching_list()
    {
        var app = browser.App;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await app.CreateUserAsync($"dash-new-{suffix}", Roles.Vendor);
        await app.CreateUserAsync($"dash-off-{suffix}", Roles.Employee, status: AccountStatus.Disabled);
        await app.CreateUserAsync($"dash-must-{suffix}", Roles.Employee, mustChangePassword: true);
        var locked = await app.CreateUserAsync($"dash-lock-{suffix}", Roles.Employee);
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(locked.Id.ToString(CultureInfo.InvariantCulture)))!;
            await users.SetLockoutEndDateAsync(user, app.Clock.GetUtcNow().AddMinutes(10));
        });

        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync("/");
        await session.CheckAsync("home.admin");

        // Counted here the slow way, every account read, not through the counts table the page reads.
        var now = app.Clock.GetUtcNow();
        var expected = await app.WithDbAsync(async db =>
        {
            var all = await db.Users.AsNoTracking().Select(u => new { u.Role, u.Status, u.CreatedAt, u.MustChangePassword, u.LockoutEnd }).ToListAsync();
            return new Dictionary<string, int>
            {
                ["total"] = all.Count,
                ["active"] = all.Count(u => u.Status == AccountStatus.Active),
                ["disabled"] = all.Count(u => u.Status == AccountStatus.Disabled),
                ["new7"] = all.Count(u => u.CreatedAt >= now.UtcDateTime.AddDays(-7)),
                ["new30"] = all.Count(u => u.CreatedAt >= now.UtcDateTime.AddDays(-30)),
                ["mustchange"] = all.Count(u => u.MustChangePassword),
                ["locked"] = all.Count(u => u.LockoutEnd > now),
            }.Concat(Roles.All.SelectMany(role => new[]
            {
                KeyValuePair.Create($"{role}.Active", all.Count(u => u.Role == role && u.Status == AccountStatus.Active)),
                KeyValuePair.Create($"{role}.Disabled", all.Count(u => u.Role == role && u.Status == AccountStatus.Disabled)),
                KeyValuePair.Create($"{role}.Total", all.Count(u => u.Role == role)),
            })).ToDictionary();
        });
        Assert.True(expected["locked"] >= 1 && expected["mustchange"] >= 1 && expected["disabled"] >= 1);

        foreach (var (key, count) in expected)
        {
            var number = key.Contains('.', StringComparison.Ordinal)
                ? page.Locator($"tr[data-role='{key.Split('.')[0]}'] a[data-count='{key.Split('.')[1]}']")
                : page.Locator($"a[data-stat='{key}'] .stat-value");
            Assert.Equal(count.ToString("N0", CultureInfo.GetCultureInfo("en")), await number.InnerTextAsync());
        }

        // Each number opens the list it counts: the list's own total says the same number.
        foreach (var key in new[] { "locked", "mustchange", "new7", "disabled" })
        {
            await page.GotoAsync("/");
            await page.Locator($"a[data-stat='{key}']").ClickAsync();
            await Expect(page.Locator("#total")).ToContainTextAsync(
                expected[key] == 1 ? "Showing the only matching account" : $"of {expected[key]:N0} accounts");
        }
        await page.GotoAsync("/");
        await page.Locator("tr[data-role='employee'] a[data-count='Disabled']").ClickAsync();
        await Expect(page.Locator("#total")).ToContainTextAsync(expected["employee.Disabled"] == 1
            ? "Showing the only matching account" : $"of {expected["employee.Disabled"]:N0} accounts");
        await Expect(page.GetByLabel("Show")).ToHaveValueAsync("");

        await page.GotoAsync($"/Users?show=locked&q=dash-lock-{suffix}");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Show")).ToHaveValueAsync("locked");
        await session.CheckAsync("users.list.locked");

        // The recent activity reads in words: root's sign-in just now is the first entry.
        await page.GotoAsync("/");
        await Expect(page.Locator(".activity li").First).ToContainTextAsync("Signed in");
        await Expect(page.Locator(".activity li").First).ToContainTextAsync("root");
    }

    [Fact]
    public async Task An_employee_sees_their_account_and_unread_notifications()
    {
        var name = $"dash-emp-{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(name, Roles.Employee);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(name, "password-123");
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Expect(page.Locator("#previous-sign-in")).ToContainTextAsync("This is your first sign-in.");
        await Expect(page.GetByText("You have no unread notifications.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-stat]")).ToHaveCountAsync(0);
        await session.CheckAsync("home.employee");
        await session.SignOutAsync();

        await session.SignInAsync(name, "password-123");
        await page.GotoAsync("/");
        await Expect(page.Locator("#previous-sign-in time")).ToBeVisibleAsync();
        await Expect(page.Locator("#previous-sign-in")).ToContainTextAsync("from ");
    }
}
