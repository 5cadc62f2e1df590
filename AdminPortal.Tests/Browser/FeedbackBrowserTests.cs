using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class FeedbackBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_invalid_field_carries_is_invalid_and_aria_invalid_in_the_browser_and_from_the_server()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        await page.GotoAsync("/Users/Create");
        var userName = page.GetByLabel("User name");
        await Expect(userName).ToBeFocusedAsync(); // the first field of the form

        // Found by the browser's script.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(userName).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(userName).ToHaveAttributeAsync("aria-invalid", "true");
        await session.CheckAsync("users.create.invalid");
        await userName.FillAsync("feedback-ok");
        await Expect(userName).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(userName).Not.ToHaveAttributeAsync("aria-invalid", "true");

        // Found by the server only: the name is taken.
        await userName.FillAsync("root");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync($"feedback-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Display name").FillAsync("Feedback");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("password-123");
        await page.GetByLabel("Confirm password").FillAsync("password-123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.UserName']")).Not.ToBeEmptyAsync();
        await Expect(userName).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bis-invalid\b"));
        await Expect(userName).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(userName).ToBeFocusedAsync();
    }
}
