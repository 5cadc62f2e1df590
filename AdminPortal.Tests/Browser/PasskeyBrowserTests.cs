using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>Adding a passkey and signing in with it, on Chromium's virtual authenticator (issue 15).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyBrowserTests(BrowserFixture browser)
{
    // An app of its own, browsed at localhost: WebAuthn refuses the shared app's 127.0.0.1 as a relying party.
    [Fact]
    public async Task A_passkey_is_added_and_signs_in_without_a_code()
    {
        var name = $"pk-{Guid.NewGuid():N}"[..20];
        const string password = "passkey-password";
        await using var app = browser.StartApp(a => a.AtLocalhost());
        await app.CreateUserAsync(name, Roles.Employee, password);
        await using var session = await browser.NewSessionAsync(app);
        var page = session.Page;
        // The authenticator lives in this browser context: the passkey made here signs in here.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });

        await session.SignInAsync(name, password);
        await session.GotoAsync("/Identity/Account/Manage/Passkeys");
        await page.GetByLabel("Passkey name").FillAsync("Virtual key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.Locator("main .alert")).ToContainTextAsync("The passkey was added.");
        await Expect(page.Locator("#passkeys .passkey-name")).ToHaveTextAsync("Virtual key");
        await session.CheckAsync("account.passkeys.added");

        await session.SignOutAsync();
        await session.GotoAsync("/Identity/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Identity/Account/(Login|LoginWith2fa)"));
        await session.GotoAsync("/Identity/Account/Manage/Passkeys");
        await Expect(page.Locator("#passkeys .passkey-last-used time")).ToHaveCountAsync(1);
    }
}
