using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.PasswordReset;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PasswordResetBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_forgotten_password_is_reset_with_the_emailed_code_end_to_end()
    {
        await browser.App.CreateUserAsync("rita", Roles.Employee, "rita-old-password", email: "rita@example.com");
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset your password", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.1-email");

        await page.GetByLabel("Email").FillAsync("rita@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter the code", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.2-code");
        var code = ResetWizardSteps.CodeIn(await MessageToAsync("rita@example.com", 1));

        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("reset.3-new-password");

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("rita-new-password");
        await page.GetByLabel("Confirm new password").FillAsync("rita-new-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Identity/Account/Login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password has been changed");
        Assert.Equal("Your AdminPortal password was changed", (await MessageToAsync("rita@example.com", 2)).Subject);

        await session.FillSignInAsync("rita", "rita-old-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The user name, email or password is not correct.");
        await session.FillSignInAsync("rita", "rita-new-password");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, rita display");
    }

    /// <summary>The <paramref name="count"/>th message to the address, once the app has sent it.</summary>
    private async Task<MimeMessage> MessageToAsync(string address, int count)
    {
        for (var waited = 0; waited < 30_000 && browser.Smtp.To(address).Count < count; waited += 100)
        {
            await Task.Delay(100);
        }
        var messages = browser.Smtp.To(address);
        Assert.True(messages.Count >= count, $"{address} received {messages.Count} messages, expected {count}.");
        return messages[count - 1];
    }
}
