using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// The user list on a phone (issue 14): the sort choice is a select, with or without JavaScript, and the pager is one
/// line of previous, the page's number and next; at 1280 px the header's sort links and the full pager stay.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserListPhoneBrowserTests(BrowserFixture browser)
{
    /// <summary>25 accounts under one prefix: three pages of ten.</summary>
    private async Task<string> ThreePagesOfAccountsAsync()
    {
        var prefix = $"phone{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 0; i < 25; i++)
        {
            await browser.App.CreateUserAsync($"{prefix}.{i:D2}", Roles.Employee);
        }
        return prefix;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_a_phone_the_sort_is_a_select_and_the_pager_is_one_line(bool javaScript)
    {
        var prefix = await ThreePagesOfAccountsAsync();
        await using var session = await browser.NewSessionAsync(javaScript: javaScript, viewport: Screens.Phone);
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}&page=2");

        // The pager: previous, "Page 2 of 3", next, and nothing else, on one line.
        var pager = page.Locator("nav[aria-label='Pages'] .pagination");
        await Expect(pager.GetByText("Previous")).ToBeVisibleAsync();
        await Expect(pager.GetByText("Next")).ToBeVisibleAsync();
        await Expect(pager.Locator(".pager-status")).ToBeVisibleAsync();
        await Expect(pager.Locator(".pager-status")).ToHaveTextAsync("Page 2 of 3");
        await Expect(pager.Locator("[aria-current='page']")).ToBeHiddenAsync();
        await Expect(pager.GetByText("First")).ToBeHiddenAsync();
        await Expect(pager.GetByText("Last")).ToBeHiddenAsync();
        await Expect(pager.GetByText("3", new() { Exact = true })).ToBeHiddenAsync();
        var pagerBox = (await pager.BoundingBoxAsync())!;
        var linkBox = (await pager.Locator(".pager-status .page-link").BoundingBoxAsync())!;
        Assert.True(pagerBox.Height <= linkBox.Height + 1, $"The pager is {pagerBox.Height}px high, more than one {linkBox.Height}px line.");
        Assert.True(pagerBox.Width <= Screens.Phone.Width, $"The pager is {pagerBox.Width}px wide.");

        // The sort: the header's links are gone, the select sorts and keeps the search.
        await Expect(page.Locator(".user-table thead")).ToBeHiddenAsync();
        var sort = page.GetByLabel("Sort by");
        await Expect(sort).ToBeVisibleAsync();
        await Expect(sort).ToHaveValueAsync("name");
        await sort.SelectOptionAsync("name_desc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=name_desc"));
        await Expect(page.GetByLabel("Sort by")).ToHaveValueAsync("name_desc");
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-user", $"{prefix}.24");
        await Expect(page.Locator("nav[aria-label='Pages'] .pager-status")).ToHaveTextAsync("Page 1 of 3");
        if (javaScript)
        {
            await session.CheckAsync("users.list.phone-sort");
        }
        else
        {
            // CheckAsync waits and scans with script in the page, which never runs with JavaScript off
            // (NavigationBrowserTests does the same).
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Directory, "users.list.phone-sort.no-script.en.light.390x844.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task On_a_phone_a_card_is_three_lines_and_a_long_email_breaks_only_after_a_dot_or_before_the_at()
    {
        var name = $"card{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(name, Roles.Employee, email: $"{name}.firstname.with-a-long-lastname@accounts.department.example-company.com");
        await using var session = await browser.NewSessionAsync(viewport: Screens.Phone);
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q={name}");

        var row = page.Locator($"tbody tr[data-user='{name}']");
        var email = row.Locator(".cell-email");
        var card = (await row.BoundingBoxAsync())!;
        var line = (await row.Locator(".cell-name").BoundingBoxAsync())!;
        Assert.True(card.Width <= Screens.Phone.Width, $"The card is {card.Width}px wide.");
        // Name and status, display name and role, email: three lines, plus the email's own second line here.
        var emailBox = (await email.BoundingBoxAsync())!;
        Assert.True(card.Height - emailBox.Height <= 3 * line.Height, $"The card is {card.Height}px high for {line.Height}px lines.");
        // Every piece between two break points (<wbr> after a dot and before the @) stays on one line.
        var split = await email.EvaluateAsync<string[]>(
            """
            td => [...td.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).filter(n => {
                const range = document.createRange();
                range.selectNodeContents(n);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
            }).map(n => n.textContent)
            """);
        Assert.True(split.Length == 0, "Broken inside: " + string.Join(", ", split));
        Assert.True(emailBox.Height > line.Height, "The test's email should need two lines on a phone.");
        await session.CheckAsync("users.list.phone-card");
    }

    [Fact]
    public async Task At_1280_px_the_header_sorts_and_the_pager_shows_every_link()
    {
        var prefix = await ThreePagesOfAccountsAsync();
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}&page=2");

        await Expect(page.Locator(".sort-form")).ToBeHiddenAsync();
        await Expect(page.Locator(".user-table thead").GetByRole(AriaRole.Link, new() { Name = "Email" })).ToBeVisibleAsync();
        var pager = page.Locator("nav[aria-label='Pages'] .pagination");
        foreach (var text in new[] { "First", "Previous", "1", "3", "Next", "Last" })
        {
            await Expect(pager.GetByText(text, new() { Exact = true })).ToBeVisibleAsync();
        }
        await Expect(pager.Locator("[aria-current='page']")).ToHaveTextAsync("2");
        await Expect(pager.Locator(".pager-status")).ToBeHiddenAsync();
    }
}
