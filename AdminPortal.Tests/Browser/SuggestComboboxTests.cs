using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>suggest.js in a real Chromium: the audit log's actor filter as a combobox, driven by the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuggestComboboxTests(BrowserFixture browser)
{
    // The browser tests share one app: the suggestions counted here must be the only accounts starting "combo-".
    private async Task<(BrowserSession Session, ILocator Input, string ListId)> AuditPageAsync(string prefix)
    {
        await browser.App.CreateUserAsync($"{prefix}.vendor", Roles.Vendor, email: $"sales@{prefix}.example");
        await browser.App.CreateUserAsync($"{prefix}.admin", Roles.Admin, email: $"it@{prefix}.example");
        await browser.App.CreateUserAsync($"{prefix}.employee", Roles.Employee);
        var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", AppFactory.RootPassword);
        await session.GotoAsync("/Audit");
        await session.CheckAsync("audit");
        var input = session.Page.Locator("input[name=Actor]");
        Assert.Equal("combobox", await input.GetAttributeAsync("role"));
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        return (session, input, (await input.GetAttributeAsync("aria-controls"))!);
    }

    /// <summary>
    /// Puts the whole text in at once (one input event, so one request for suggestions). Typed key by key, a pause of
    /// more than the script's 200 ms debounce between two keys (a busy machine) asked for a prefix's suggestions: "combo-ac"
    /// already lists the same two accounts, the count below was met early, the arrow keys moved through that list, and
    /// then the answer for the whole text rendered the list anew with no option active.
    /// </summary>
    private static Task TypeAsync(ILocator input, string text) => input.FillAsync(text);

    [Fact]
    public async Task Typing_offers_active_vendors_and_admins_and_the_keyboard_picks_one()
    {
        var (session, input, listId) = await AuditPageAsync("combo-acme");
        await using var _ = session;
        var page = session.Page;

        await TypeAsync(input, "combo-acme");
        var options = page.Locator($"#{listId} [role=option]");
        await Expect(options).ToHaveCountAsync(2);
        Assert.Equal("true", await input.GetAttributeAsync("aria-expanded"));
        Assert.Equal("listbox", await page.Locator($"#{listId}").GetAttributeAsync("role"));
        Assert.Contains("combo-acme.admin", await options.Nth(0).TextContentAsync());
        await session.CheckAsync("audit.suggestions-open");

        await input.PressAsync("ArrowDown");
        await input.PressAsync("ArrowDown");
        Assert.Equal(await options.Nth(1).GetAttributeAsync("id"), await input.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await options.Nth(1).GetAttributeAsync("aria-selected"));

        await input.PressAsync("Enter");
        Assert.Equal("combo-acme.vendor", await input.InputValueAsync());
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        Assert.Null(await input.GetAttributeAsync("aria-activedescendant"));
        Assert.EndsWith("/Audit", page.Url); // Enter picked the option, it did not submit the form

        await input.PressAsync("Enter"); // with the list closed, Enter submits the filter as without JavaScript
        // Expect polls in the driver; Page.WaitForURLAsync waits on load-state events that it can miss (see BrowserSession).
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("Actor=combo-acme\\.vendor"));
    }

    [Fact]
    public async Task Escape_closes_the_list_and_arrow_up_wraps_to_the_last_option()
    {
        var (session, input, listId) = await AuditPageAsync("combo-kappa");
        await using var _ = session;
        var page = session.Page;
        await TypeAsync(input, "COMBO-KAPPA.");
        var options = page.Locator($"#{listId} [role=option]");
        await Expect(options).ToHaveCountAsync(2);

        await input.PressAsync("ArrowUp");
        Assert.Equal(await options.Nth(1).GetAttributeAsync("id"), await input.GetAttributeAsync("aria-activedescendant"));
        await input.PressAsync("Escape");
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator($"#{listId}").IsHiddenAsync());
        Assert.Equal("COMBO-KAPPA.", await input.InputValueAsync());
    }

    [Fact]
    public async Task Escape_before_the_suggestions_arrive_keeps_the_list_closed()
    {
        await browser.App.CreateUserAsync("combo-late.vendor", Roles.Vendor);
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", AppFactory.RootPassword);
        var page = session.Page;
        // The page's timers run when the test says (the 200 ms debounce), and its requests for suggestions are counted.
        await page.Clock.InstallAsync();
        await page.AddInitScriptAsync("""
            window.suggestFetches = 0;
            const fetchOriginal = window.fetch;
            window.fetch = function () { window.suggestFetches++; return fetchOriginal.apply(this, arguments); };
            """);
        await session.GotoAsync("/Audit");
        var input = page.Locator("input[name=Actor]");
        var listId = (await input.GetAttributeAsync("aria-controls"))!;

        // Suggestions for what is typed so far are open; one more key starts the 200 ms wait for new ones.
        await input.FillAsync("combo-lat");
        await page.Clock.RunForAsync(1000);
        await Expect(page.Locator($"#{listId} [role=option]")).ToHaveCountAsync(1);
        await input.PressAsync("e");
        await input.PressAsync("Escape"); // closes the list and cancels the request still to come
        await page.Clock.RunForAsync(1000);

        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.suggestFetches"));
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator($"#{listId}").IsHiddenAsync());
        Assert.Equal("combo-late", await input.InputValueAsync()); // this Escape closed; a second one clears

        // The arrow key asks again, and the suggestions come.
        await input.PressAsync("ArrowDown");
        await Expect(page.Locator($"#{listId} [role=option]")).ToHaveCountAsync(1);
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.suggestFetches"));
    }
}
