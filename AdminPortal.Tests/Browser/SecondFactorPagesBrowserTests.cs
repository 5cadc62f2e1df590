using AdminPortal.Data;
using AdminPortal.Tests.TwoFactor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// The second-factor settings pages (issue 15) in English and Spanish: passkeys (none, one, rename, remove), the
/// two-factor overview, the authenticator set-up with its QR code and the recovery codes, each scanned by axe and
/// photographed in both themes at desktop and phone widths.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecondFactorPagesBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("es-ES", "es")]
    public async Task The_passkey_and_authenticator_pages_read_well(string locale, string language)
    {
        var name = $"sf-{Guid.NewGuid():N}"[..20];
        const string password = "second-factor-password";
        await browser.App.CreateUserAsync(name, Roles.Employee, password);
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync(locale: locale);
        var page = session.Page;

        // The password form's own fields and button, whatever the language (the passkey form beside it has a button too).
        await session.GotoAsync("/Identity/Account/Login");
        await page.Locator("#Input_Login").FillAsync(name);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("form:has(#Input_Password) button[type=submit]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));

        await session.GotoAsync("/Identity/Account/Manage/Passkeys");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(page.Locator("#no-passkeys")).ToBeVisibleAsync();
        await Expect(page.Locator("#add-passkey")).ToBeVisibleAsync();
        await session.CheckAsync("account.passkeys.empty");

        var id = await PasskeyTests.AddPasskeyAsync(browser.App, name, "Work laptop");
        await session.GotoAsync("/Identity/Account/Manage/Passkeys");
        await Expect(page.Locator("#passkeys .passkey-name")).ToHaveTextAsync("Work laptop");
        await session.CheckAsync("account.passkeys");
        await session.GotoAsync($"/Identity/Account/Manage/RenamePasskey?id={id}");
        await session.CheckAsync("account.passkeys.rename");
        await session.GotoAsync($"/Identity/Account/Manage/RemovePasskey?id={id}");
        await session.CheckAsync("account.passkeys.remove");

        await session.GotoAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        await Expect(page.Locator("#passkey-count")).ToHaveTextAsync("1");
        await session.CheckAsync("account.two-factor");
        await page.Locator("#set-up-authenticator").ClickAsync();
        await Expect(page.Locator("#authenticator-key")).ToBeVisibleAsync();
        await session.CheckAsync("account.two-factor.setup");

        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "");
        await page.Locator("#Input_Code").FillAsync(browser.App.CodeFor(key));
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await session.CheckAsync("account.two-factor.recovery-codes");
    }
}
