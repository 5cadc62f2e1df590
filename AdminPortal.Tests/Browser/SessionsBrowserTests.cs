using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SessionsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task One_browser_signs_another_out_from_your_sessions()
    {
        // The app is shared with the other browser tests: an account of this test's own.
        var name = $"sess-{Guid.NewGuid():N}"[..20];
        const string password = "sessions-password";
        var user = await browser.App.CreateUserAsync(name, Roles.Employee, password);
        await using var laptop = await browser.NewSessionAsync();
        await using var phone = await browser.NewSessionAsync();
        await phone.SignInAsync(name, password);
        await laptop.SignInAsync(name, password);
        var page = laptop.Page;

        await laptop.GotoAsync("/Identity/Account/Manage");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Account settings" }).GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your sessions", Level = 1 })).ToBeVisibleAsync();
        var rows = page.Locator("main .session");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("This session");
        await Expect(rows.First).ToContainTextAsync("Chrome on Linux");
        await laptop.CheckAsync("account.sessions");

        await rows.Nth(1).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Sign out") }).ClickAsync();
        await Expect(page.Locator("main .alert")).ToContainTextAsync("That session was signed out.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" })).ToHaveCountAsync(0);
        await laptop.CheckAsync("account.sessions.alone");

        // The other browser's next navigation lands on sign-in.
        await phone.GotoAsync("/Identity/Account/Manage");
        await Expect(phone.Page).ToHaveURLAsync(new Regex("/Identity/Account/Login"));
        Assert.Equal(1, await browser.App.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id)));

        // An administrator sees the account's one session on its details page, and can end it.
        await using var admin = await browser.NewSessionAsync();
        await admin.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        await admin.GotoAsync($"/Users/Details/{user.Id}");
        await Expect(admin.Page.Locator("#sessions .session")).ToHaveCountAsync(1);
        await admin.CheckAsync("users.details.sessions");
    }
}
