using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Signing_in_reaches_the_home_page_and_signing_out_returns_to_sign_in()
    {
        await using var session = await browser.NewSessionAsync();
        await browser.App.CreateUserAsync("bella", Roles.Employee, "bella-password");
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Login");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("User name or email")).ToBeFocusedAsync();
        await session.CheckAsync("sign-in");

        await session.FillSignInAsync("bella", "not-her-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name, email or password is not correct.");
        await Expect(page.GetByLabel("User name or email")).ToHaveValueAsync("bella");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await session.CheckAsync("sign-in.wrong-password");

        await session.FillSignInAsync("bella", "bella-password");
        await Expect(page).ToHaveURLAsync(browser.App.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, bella display");
        await session.CheckAsync("home.employee");

        await session.SignOutAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You have been signed out.");
        await session.CheckAsync("sign-in.signed-out");
        await session.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_then_back_to_the_page_asked_for()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Manage/ChangePassword");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            "/Identity/Account/Login\\?ReturnUrl=%2FIdentity%2FAccount%2FManage%2FChangePassword$"));
        await session.FillSignInAsync("root", Infrastructure.AppFactory.RootPassword);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Manage/ChangePassword$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change password" })).ToBeVisibleAsync();
        await session.CheckAsync("change-password");
    }

    [Fact]
    public async Task The_home_page_of_an_administrator_offers_user_administration()
    {
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Recent activity" })).ToBeVisibleAsync();
        await Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "New account" })).ToBeVisibleAsync();
        await session.CheckAsync("home.root");
    }
}
