using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Invitations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InvitationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_invited_holder_opens_the_emailed_link_chooses_a_password_and_signs_in()
    {
        // The app is shared with the other browser tests: these names are this test's own ("lambda.invitee").
        await using (var admin = await browser.NewSessionAsync())
        {
            await admin.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
            var page = admin.Page;
            await admin.GotoAsync("/Users/Create");
            await Expect(page.GetByLabel("Email an invitation")).ToBeCheckedAsync();
            await page.GetByLabel("User name").FillAsync("lambda.invitee");
            await page.GetByLabel("Email", new() { Exact = true }).FillAsync("lambda.invitee@example.com");
            await page.GetByLabel("Display name").FillAsync("Lambda Invitee");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/Users/Details"));
            await Expect(page.Locator("body")).ToContainTextAsync(
                "The account lambda.invitee was created and an invitation was emailed to lambda.invitee@example.com.");
        }
        Assert.Equal(AccountStatus.Invited, await StatusOfAsync("lambda.invitee"));

        // The link's path and query (the address's host is the configured public origin).
        var link = InvitationTests.LinkIn(await MessageToAsync("lambda.invitee@example.com", 1));
        await using var holder = await browser.NewSessionAsync();
        var holderPage = holder.Page;
        await holder.GotoAsync(link);
        await Expect(holderPage.GetByRole(AriaRole.Heading, new() { Name = "Choose your password", Level = 1 })).ToBeVisibleAsync();
        await holder.CheckAsync("invitation.accept");

        await holderPage.GetByLabel("New password", new() { Exact = true }).FillAsync("lambda-new-password");
        await holderPage.GetByLabel("Confirm new password").FillAsync("lambda-new-password");
        await holderPage.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Expect(holderPage).ToHaveURLAsync(new Regex("/Identity/Account/Login$"));
        await Expect(holderPage.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set and your account is ready.");
        await holder.CheckAsync("invitation.accepted-sign-in");

        await holder.FillSignInAsync("lambda.invitee", "lambda-new-password");
        await Expect(holderPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Lambda Invitee");
        Assert.Equal(AccountStatus.Active, await StatusOfAsync("lambda.invitee"));
    }

    private Task<AccountStatus> StatusOfAsync(string userName) =>
        browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Status).SingleAsync());

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
