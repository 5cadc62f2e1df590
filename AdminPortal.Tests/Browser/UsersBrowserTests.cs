using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UsersBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_user_list_searches_filters_sorts_and_pages_with_the_address_and_the_back_button()
    {
        // The app is shared with the other browser tests: none of them may make an account with "zeta" in it.
        for (var i = 1; i <= 12; i++)
        {
            var role = i > 10 ? Roles.Vendor : Roles.Employee;
            var status = i == 10 ? AccountStatus.Disabled : AccountStatus.Active;
            await browser.App.CreateUserAsync($"zeta{i:00}", role, status: status);
        }
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        var total = page.Locator("#total");
        var rows = page.Locator("tbody tr");

        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).FillAsync("zeta");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]q=zeta"));
        await Expect(total).ToHaveTextAsync("Showing 1–10 of 12 accounts");
        await Expect(rows.First).ToHaveAttributeAsync("data-user", "zeta01");
        await session.CheckAsync("users.list");

        // On a phone each account is a card of at most three lines, and the sort is a select (UserListPhoneBrowserTests).
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Display name" })).ToBeHiddenAsync();
        await Expect(page.GetByLabel("Sort by")).ToBeVisibleAsync();
        var card = await rows.First.BoundingBoxAsync();
        var line = await rows.First.Locator(".cell-email").BoundingBoxAsync();
        Assert.True(card is { Width: <= 390 } && line is not null && card.Height > 2 * line.Height && card.Height <= 4.5 * line.Height,
            $"The first row is {card?.Width}×{card?.Height}, not a card of at most three lines of {line?.Height}px.");
        await page.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);

        await page.GetByLabel("Role").SelectOptionAsync(Roles.Vendor);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("role=vendor"));
        await Expect(total).ToHaveTextAsync("Showing 1–2 of 2 accounts");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Search" })).ToHaveValueAsync("zeta");

        await page.GetByLabel("Role").SelectOptionAsync("");
        await page.GetByLabel("Status").SelectOptionAsync("Disabled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(total).ToHaveTextAsync("Showing the only matching account");
        await Expect(rows.First).ToHaveAttributeAsync("data-user", "zeta10");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).FillAsync("no-such-account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("#empty")).ToContainTextAsync("No accounts match your search and filters.");
        await session.CheckAsync("users.list.empty");

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search" }).FillAsync("zeta");
        await page.GetByLabel("Status").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "User name", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=name_desc"));
        await Expect(page.Locator("th[aria-sort=descending]")).ToHaveTextAsync("User name");
        await Expect(rows.First).ToHaveAttributeAsync("data-user", "zeta12");

        await page.GetByLabel("Per page").SelectOptionAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(total).ToHaveTextAsync("Showing 1–12 of 12 accounts");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })).ToHaveCountAsync(0);
        await Expect(rows.First).ToHaveAttributeAsync("data-user", "zeta12"); // the sort survives the filter form

        await page.GetByLabel("Per page").SelectOptionAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(total).ToHaveTextAsync("Showing 1–10 of 12 accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("page=2"));
        await Expect(total).ToHaveTextAsync("Showing 11–12 of 12 accounts");
        await Expect(rows.First).ToHaveAttributeAsync("data-user", "zeta02");
        await session.CheckAsync("users.list.page-2");

        await page.GoBackAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("page=2"));
        await Expect(total).ToHaveTextAsync("Showing 1–10 of 12 accounts");
        await page.GoForwardAsync();
        await Expect(total).ToHaveTextAsync("Showing 11–12 of 12 accounts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Previous page" }).ClickAsync();
        await Expect(total).ToHaveTextAsync("Showing 1–10 of 12 accounts");
    }

    [Fact]
    public async Task An_account_is_created_after_a_refused_try_then_edited_disabled_and_deleted()
    {
        await browser.App.CreateUserAsync("omega.taken", Roles.Employee);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;

        await session.GotoAsync("/Users");
        await page.GetByRole(AriaRole.Link, new() { Name = "New account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New account", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("users.create");

        await page.GetByLabel("User name").FillAsync("Omega.Taken"); // taken, ignoring case: only the server knows
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("omega.new@example.com");
        await page.GetByLabel("Display name").FillAsync("Omega New");
        await page.GetByLabel("Role").SelectOptionAsync(Roles.Vendor);
        await page.GetByLabel("Set a password now").CheckAsync();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("omega-password");
        await page.GetByLabel("Confirm password").FillAsync("omega-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.UserName']")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync("omega.new@example.com");
        await Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Omega New");
        await Expect(page.GetByLabel("Role")).ToHaveValueAsync(Roles.Vendor);
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await session.CheckAsync("users.create.invalid");

        await page.GetByLabel("User name").FillAsync("omega.new");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("omega-password");
        await page.GetByLabel("Confirm password").FillAsync("omega-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "created" })).ToHaveTextAsync(new Regex("The account omega.new was created."));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Omega New");
        await session.CheckAsync("users.details");

        await page.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit omega.new", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("users.edit");
        await page.GetByLabel("Display name").FillAsync("Omega Renamed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "updated" })).ToHaveTextAsync(new Regex("The account omega.new was updated."));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Omega Renamed");

        // Disable from the list: the confirmation comes first, and only its button writes.
        await session.GotoAsync("/Users?q=omega.new");
        await page.Locator("tr[data-user='omega.new'] .row-menu > summary").ClickAsync(); // the row's actions are one menu
        await page.Locator("tr[data-user='omega.new']").GetByRole(AriaRole.Link, new() { Name = "Disable" }).ClickAsync();
        var confirm = page.Locator("#confirm");
        await Expect(confirm).ToContainTextAsync("Disable the account omega.new (Omega Renamed)?");
        await session.CheckAsync("users.confirm-disable");
        // Cancelling and confirming both go back to the list the action started from, search included.
        await confirm.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Users\?q=omega\.new$"));
        Assert.Equal(AccountStatus.Active, await StatusOf("omega.new"));
        var row = page.Locator("tr[data-user='omega.new']");
        await row.Locator(".row-menu > summary").ClickAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Disable" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Users\?q=omega\.new$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "disabled" })).ToHaveTextAsync(new Regex("The account omega.new was disabled."));
        Assert.Equal(AccountStatus.Disabled, await StatusOf("omega.new"));

        await row.GetByRole(AriaRole.Link, new() { Name = "omega.new" }).ClickAsync();
        await page.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = "Delete" }).ClickAsync();
        await Expect(confirm).ToContainTextAsync("Delete the account omega.new (Omega Renamed) permanently?");
        await session.CheckAsync("users.confirm-delete");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete permanently" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Users$"));
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "deleted" })).ToHaveTextAsync(new Regex("The account omega.new was deleted."));
        await Expect(page.Locator("tr[data-user='omega.new']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_employee_gets_the_access_denied_page_for_user_administration()
    {
        await browser.App.CreateUserAsync("emil", Roles.Employee, "emil-password");
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("emil", "emil-password");
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);
        var response = await session.GotoAsync("/Users");
        Assert.Equal(403, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Access denied");
        await session.CheckAsync("error-403.signed-in");
    }

    private Task<AccountStatus> StatusOf(string userName) =>
        browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Users.Where(u => u.UserName == userName).Select(u => u.Status)));
}
