using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// Every page an administrator and an employee reach, opened in English and in Spanish, goes through the page check
/// (axe, nothing wider than the window at 1280 px or 390 px, both themes) and leaves its screenshots under the names
/// "tour.*": the other browser tests visit most pages in one language only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task Every_administration_and_settings_page_passes_the_page_check(string language)
    {
        var suffix = $"{language}{Guid.NewGuid().ToString("N")[..6]}";
        var admin = $"tour.admin.{suffix}";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "tour-password");
        var target = await browser.App.CreateUserAsync($"tour.target.{suffix}", Roles.Employee,
            email: $"tour.target.{suffix}.with-a-longer-name@accounts.example-company.com");
        var invited = await browser.App.CreateUserAsync($"tour.invited.{suffix}", Roles.Vendor, status: AccountStatus.Invited);
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync(locale: language == "es" ? "es-ES" : "en-US");
        var page = session.Page;
        await SignInAsync(session, admin);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var entry = await browser.App.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id));

        var pages = new (string Name, string Path)[]
        {
            ("tour.home", "/"),
            ("tour.users.list", $"/Users?q=tour.&status=Active&role=employee"),
            ("tour.users.list.all", "/Users"),
            ("tour.users.create", "/Users/Create"),
            ("tour.users.details", $"/Users/Details/{target.Id}"),
            ("tour.users.details.invited", $"/Users/Details/{invited.Id}"),
            ("tour.users.confirm-disable", $"/Users/Details/{target.Id}?confirm=disable#confirm"),
            ("tour.users.confirm-delete", $"/Users/Details/{target.Id}?confirm=delete#confirm"),
            ("tour.users.edit", $"/Users/Edit/{target.Id}"),
            ("tour.users.set-password", $"/Users/SetPassword/{target.Id}"),
            ("tour.users.import", "/Users/Import"),
            ("tour.users.bulk", $"/Users/Bulk?bulk=disable&ids={target.Id}&ids={invited.Id}"),
            ("tour.audit", "/Audit"),
            ("tour.audit.details", $"/Audit/Details/{entry}"),
            ("tour.notifications", "/Notifications"),
            ("tour.settings", "/Identity/Account/Manage"),
            ("tour.settings.email", "/Identity/Account/Manage/Email"),
            ("tour.settings.change-password", "/Identity/Account/Manage/ChangePassword"),
            ("tour.settings.theme", "/Identity/Account/Manage/Theme"),
            ("tour.settings.language", "/Identity/Account/Manage/Language"),
            ("tour.settings.two-factor", "/Identity/Account/Manage/TwoFactorAuthentication"),
            ("tour.settings.passkeys", "/Identity/Account/Manage/Passkeys"),
            ("tour.settings.sessions", "/Identity/Account/Manage/Sessions"),
            ("tour.not-found", "/no/such/page"),
        };
        foreach (var (name, path) in pages)
        {
            await session.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await session.CheckAsync(name);
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task The_pages_before_sign_in_and_an_employees_pages_pass_the_page_check(string language)
    {
        var employee = $"tour.employee.{language}{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(employee, Roles.Employee, "tour-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == employee).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync(locale: language == "es" ? "es-ES" : "en-US");
        var page = session.Page;

        foreach (var (name, path) in new[] { ("tour.sign-in", "/Identity/Account/Login"), ("tour.reset", "/Identity/Account/ForgotPassword") })
        {
            await session.GotoAsync(path);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await session.CheckAsync(name);
        }

        await SignInAsync(session, employee);
        foreach (var (name, path) in new[] { ("tour.home.employee", "/"), ("tour.forbidden", "/Users") })
        {
            await session.GotoAsync(path);
            await Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await session.CheckAsync(name);
        }
    }

    // The sign-in page in either language: its fields by name, not by their (translated) labels.
    private static async Task SignInAsync(BrowserSession session, string userName)
    {
        var page = session.Page;
        await session.GotoAsync("/Identity/Account/Login");
        await page.Locator("input[name='Input.Login']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync("tour-password");
        await page.Locator("input[name='Input.Password']").PressAsync("Enter");
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
    }
}
