using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignUpBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_newcomer_requests_an_account_and_an_administrator_approves_it()
    {
        await using var app = browser.StartApp(a => a.With("AdminPortal:SelfRegistration", "RequiresApproval"));
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;

        await session.GotoAsync("/Identity/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Request an account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request an account", Level = 1 })).ToBeVisibleAsync();
        await session.CheckAsync("signup.request");

        // A mistake first: the form comes back with the message at its field and what was typed.
        await page.GetByLabel("User name").FillAsync("nina");
        await page.GetByLabel("Email").FillAsync("nina@example.com");
        await page.GetByLabel("Display name").FillAsync("Nina Newcomer");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Confirm new password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.NewPassword']")).ToContainTextAsync("8–128");
        await session.CheckAsync("signup.request-invalid");

        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("nina's long passphrase");
        await page.GetByLabel("Confirm new password").FillAsync("nina's long passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(page.Locator("#request-received")).ToContainTextAsync("an administrator will review it");
        await session.CheckAsync("signup.received");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to sign in" }).ClickAsync();
        await session.FillSignInAsync("nina", "nina's long passphrase");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("waiting for an administrator's approval");

        await using var admin = await browser.NewSessionAsync(app);
        await admin.SignInAsync("root", AppFactory.RootPassword);
        await admin.GotoAsync("/Users?status=Pending");
        await Expect(admin.Page.Locator("tbody tr[data-user='nina']")).ToContainTextAsync("Pending approval");
        await admin.CheckAsync("signup.requests-list");
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "nina", Exact = true }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Account request awaiting approval" })).ToBeVisibleAsync();
        await admin.CheckAsync("signup.request-details");
        await admin.Page.GetByLabel("Vendor").CheckAsync();
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
        await Expect(admin.Page.Locator("main .alert")).ToContainTextAsync("was approved");

        await session.FillSignInAsync("nina", "nina's long passphrase");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Identity/Account/Login"));
        Assert.Equal(AccountStatus.Active, (await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "nina").Status))));
    }
}
