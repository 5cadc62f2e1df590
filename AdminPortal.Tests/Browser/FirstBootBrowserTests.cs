using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class FirstBootBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_generated_root_password_must_be_changed_before_anything_else()
    {
        await using var app = browser.StartApp(a => a.With("AdminPortal:Root:Password", ""));
        var logged = app.Logs.Single(l => l.Level == LogLevel.Warning && l.Message.StartsWith("First boot", StringComparison.Ordinal));
        var generated = GeneratedPassword().Match(logged.Message).Groups[1].Value;
        Assert.Equal(20, generated.Length);

        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        await session.GotoAsync("/Identity/Account/Login");
        await session.FillSignInAsync("root", generated);
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/ChangePassword\\?returnUrl=%2F$"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You must choose a new password before you continue.");
        await session.CheckAsync("change-password.forced");

        // Nothing else opens until the password is changed.
        await session.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Manage/ChangePassword\\?returnUrl=%2F$"));

        await page.GetByLabel("Current password").FillAsync(generated);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a new long root phrase");
        await page.GetByLabel("Confirm new password").FillAsync("a different phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.ConfirmPassword']")).Not.ToBeEmptyAsync();
        await session.CheckAsync("change-password.mismatch");

        await page.GetByLabel("Current password").FillAsync(generated);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a new long root phrase");
        // Typed key by key, as a person does: the script clears the mismatch message as they type. (Filled at once,
        // the message would go only when the field loses focus, moving the button from under the click.)
        await page.GetByLabel("Confirm new password").ClearAsync();
        await page.GetByLabel("Confirm new password").PressSequentiallyAsync("a new long root phrase");
        await Expect(page.Locator("[data-valmsg-for='Input.ConfirmPassword']")).ToBeEmptyAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(app.Address.ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Root");
        await session.CheckAsync("home.after-password-change");

        await session.SignOutAsync();
        await session.FillSignInAsync("root", generated);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name, email or password is not correct.");
        await session.FillSignInAsync("root", "a new long root phrase");
        await Expect(page).ToHaveURLAsync(app.Address.ToString());
    }

    [GeneratedRegex("generated password (\\S+) ")]
    private static partial Regex GeneratedPassword();
}
