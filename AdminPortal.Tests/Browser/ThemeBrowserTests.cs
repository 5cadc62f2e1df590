using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class ThemeBrowserTests(BrowserFixture browser)
{
    // Runs before any of the page's own scripts: notes the theme the document has when its body first exists,
    // which is before the first paint (a microtask checkpoint comes before any rendering).
    private const string ThemeAtFirstPaint = """
        new MutationObserver((_, observer) => {
            if (document.body) {
                window.themeAtFirstPaint = document.documentElement.getAttribute('data-bs-theme');
                observer.disconnect();
            }
        }).observe(document, { childList: true, subtree: true });
        """;

    [Fact]
    public async Task Dark_from_the_navigation_bar_applies_at_once_and_every_next_page_starts_dark()
    {
        await browser.App.CreateUserAsync("theo", Roles.Employee, "theo-password");
        await using var session = await browser.NewSessionAsync();
        await session.Context.AddInitScriptAsync(ThemeAtFirstPaint);
        var page = session.Page;
        var html = page.Locator("html");
        await session.SignInAsync("theo", "theo-password");
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");

        await page.EvaluateAsync("() => window.notReloaded = true");
        await ThemeSwitch(page).GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        await Expect(ThemeSwitch(page).GetByRole(AriaRole.Button, new() { Name = "Dark" })).ToHaveAttributeAsync("aria-current", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The theme switch reloaded the page.");
        Assert.Equal(Theme.Dark, await browser.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Users.Where(u => u.UserName == "theo").Select(u => u.Theme))));

        // The server renders the choice, so the next page is dark from its first paint: no flash of light.
        var response = await session.GotoAsync("/Identity/Account/Manage/ChangePassword");
        Assert.Matches(HtmlElementWithDarkTheme(), await response.TextAsync());
        Assert.Equal("dark", await page.EvaluateAsync<string?>("() => window.themeAtFirstPaint"));
        Assert.Equal("rgb(33, 37, 41)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await session.CheckAsync("change-password.dark-chosen");
    }

    [Fact]
    public async Task System_follows_the_operating_system_also_when_it_changes_while_the_page_is_open()
    {
        await browser.App.CreateUserAsync("sysy", Roles.Employee, "sysy-password");
        await using var session = await browser.NewSessionAsync();
        await session.Context.AddInitScriptAsync(ThemeAtFirstPaint);
        var page = session.Page;
        var html = page.Locator("html");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        // Before sign-in, pages follow the system.
        await session.GotoAsync("/Identity/Account/Login");
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.Equal("dark", await page.EvaluateAsync<string?>("() => window.themeAtFirstPaint"));

        await session.FillSignInAsync("sysy", "sysy-password");
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Identity/Account/Login"));
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.Equal("dark", await page.EvaluateAsync<string?>("() => window.themeAtFirstPaint"));

        await page.EvaluateAsync("() => window.notReloaded = true");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));

        // Choosing Light on the settings page pins it, whatever the system says.
        await session.GotoAsync("/Identity/Account/Manage/Theme");
        await session.CheckAsync("settings.theme");
        await page.GetByLabel("Light").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Theme set to" })).ToBeVisibleAsync();
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Expect(html).ToHaveAttributeAsync("data-bs-theme", "light");
    }

    private static ILocator ThemeSwitch(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Group, new() { Name = "Theme" });

    [GeneratedRegex("<html[^>]*data-bs-theme=\"dark\"")]
    private static partial Regex HtmlElementWithDarkTheme();
}
