using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NavigationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Without_JavaScript_on_a_phone_the_menus_reach_users_the_audit_log_and_sign_out()
    {
        await using var session = await browser.NewSessionAsync(javaScript: false, viewport: Screens.Phone);
        var page = session.Page;
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var menu = page.Locator("#main-nav > summary");
        var users = page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true });
        await Expect(users).ToBeHiddenAsync();

        await menu.ClickAsync();
        await users.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();

        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();

        await menu.ClickAsync();
        await page.Locator("#user-menu").ClickAsync();
        // The page's scripts are off, so the usual check (which runs axe in the page) cannot run: a photograph only.
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Directory, "nav.phone.no-script.en.light.390x844.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Login"));
    }

    [Fact]
    public async Task With_JavaScript_the_user_menu_opens_and_closes_on_a_click_elsewhere()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var settings = page.GetByRole(AriaRole.Link, new() { Name = "Account settings" });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        await Expect(settings).ToBeHiddenAsync();
        await page.Locator("#user-menu").ClickAsync();
        await Expect(settings).ToBeVisibleAsync();
        await session.CheckAsync("nav.user-menu");
        await page.Locator("main h1").ClickAsync();
        await Expect(settings).ToBeHiddenAsync();
    }
}
