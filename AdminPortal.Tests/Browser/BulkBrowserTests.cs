using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BulkBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Three_accounts_checked_on_the_filtered_list_are_disabled_after_the_confirmation()
    {
        // The app is shared with the other browser tests: these names are this test's own ("lambda.bulk").
        string[] names = ["lambda.bulk1", "lambda.bulk2", "lambda.bulk3"];
        foreach (var name in names)
        {
            await browser.App.CreateUserAsync(name, Roles.Employee);
        }
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;

        await session.GotoAsync("/Users");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).FillAsync("lambda.bulk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-user]")).ToHaveCountAsync(3);
        foreach (var name in names)
        {
            await page.GetByLabel($"Select {name}", new() { Exact = true }).CheckAsync();
        }
        await page.Locator("#bulk").GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Users/Bulk"));
        await Expect(page.Locator("#question")).ToHaveTextAsync("Disable these 3 accounts? Their open sessions end at once.");
        await Expect(page.Locator("#names li")).ToHaveTextAsync(names);
        // The frame has the colour of the action: a disable's is the warning colour of its button, not danger red.
        var frame = await page.Locator("#confirm").EvaluateAsync<string>("e => getComputedStyle(e).borderTopColor");
        var button = await page.Locator("#confirm form button[type=submit]").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal(button, frame);
        await session.CheckAsync("users.bulk.confirm");
        Assert.Equal(3, await CountAsync(AccountStatus.Active));

        await page.Locator("#confirm").GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Users/BulkResult"));
        await Expect(page.Locator("#selected")).ToHaveTextAsync("Selected: 3");
        await Expect(page.Locator("#done")).ToHaveTextAsync("Done: 3");
        await Expect(page.Locator("#refused")).ToHaveTextAsync("Refused: 0");
        await session.CheckAsync("users.bulk.result");
        Assert.Equal(3, await CountAsync(AccountStatus.Disabled));
    }

    private Task<int> CountAsync(AccountStatus status) =>
        browser.App.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith("lambda.bulk") && u.Status == status));
}
