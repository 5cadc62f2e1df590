using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UserListDensityBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task At_1280_px_each_row_of_the_user_list_is_one_line_of_text()
    {
        var name = $"dense.{Guid.NewGuid().ToString("N")[..6]}";
        var user = await browser.App.CreateUserAsync(name, Roles.Vendor, email: $"{name}.with.a.rather.long.address@example-company.com");
        await browser.App.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "AspNetUsers" SET "DisplayName" = {"Maria de los Ángeles Fernández-Castillo y Montenegro"} WHERE "Id" = {user.Id}"""));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q={name}");
        var row = page.Locator($"tr[data-user='{name}']");
        await Expect(row).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");

        // One line: the row is no taller than its tallest control (the actions button) plus the cell padding, and the
        // name's text is one line high.
        var rowBox = (await row.BoundingBoxAsync())!;
        var nameLink = (await row.Locator(".cell-name a").BoundingBoxAsync())!;
        var lineHeight = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.user-table td')).lineHeight)");
        Assert.True(nameLink.Height <= lineHeight * 1.2, $"The name is {nameLink.Height}px high, more than one {lineHeight}px line.");
        foreach (var cell in await row.Locator("td").AllAsync())
        {
            var box = (await cell.BoundingBoxAsync())!;
            Assert.True(box.Height <= rowBox.Height + 1);
        }
        var cells = await row.EvaluateAsync<string>("r => [...r.cells].map(c => c.className + ':' + [...c.querySelectorAll('*')].map(e => e.tagName + Math.round(e.getBoundingClientRect().height)).join('/')).join(', ')");
        Assert.True(rowBox.Height <= lineHeight + 2 * 8 + 12, $"The row is {rowBox.Height}px high for a {lineHeight}px line: {cells}");
        await Expect(row.Locator("time").First).ToHaveAttributeAsync("title", new Regex("UTC$"));
        await Expect(row.Locator(".row-menu > summary")).ToHaveAttributeAsync("aria-label", $"Actions for {name}");
        await session.CheckAsync("users.list.dense");
        await row.Locator(".row-menu > summary").ClickAsync();
        await session.CheckAsync("users.list.row-menu");
    }

    [Fact]
    public async Task Enter_on_a_search_suggestion_opens_that_accounts_details()
    {
        var name = $"suggested.{Guid.NewGuid().ToString("N")[..6]}";
        var user = await browser.App.CreateUserAsync(name, Roles.Vendor);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync("/Users");
        var search = page.GetByRole(AriaRole.Combobox, new() { Name = "Search" });
        await search.FillAsync(name);
        await Expect(page.GetByRole(AriaRole.Option).First).ToContainTextAsync(name);
        await search.PressAsync("ArrowDown");
        await search.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex($"/Users/Details/{user.Id}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }
}
