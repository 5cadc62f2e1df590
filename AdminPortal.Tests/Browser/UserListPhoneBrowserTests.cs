using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// The user list on a phone (issue 14): the sort choice is a select, with or without JavaScript, the pager is one
/// line of previous, the page's number and next, and the bulk bar is one line of "Select all" and an actions menu;
/// at 1280 px the header's sort links, the full pager and the bulk buttons stay.
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
        // With JavaScript the choice sends the form and the Sort button is hidden; without, the button sends it.
        var sortButton = page.Locator(".sort-form").GetByRole(AriaRole.Button, new() { Name = "Sort", Exact = true, IncludeHidden = true });
        if (javaScript)
        {
            await Expect(sortButton).ToBeHiddenAsync();
            await sort.SelectOptionAsync("name_desc");
        }
        else
        {
            await Expect(sortButton).ToBeVisibleAsync();
            await sort.SelectOptionAsync("name_desc");
            await sortButton.ClickAsync();
        }
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

    [Theory]
    [InlineData("en", "Actions", "Disable")]
    [InlineData("es", "Acciones", "Desactivar")]
    public async Task On_a_phone_the_bulk_bar_is_one_line_of_select_all_and_an_actions_menu(string language, string actions, string disable)
    {
        var prefix = await ThreePagesOfAccountsAsync();
        var admin = $"bulkbar{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "bulkbar-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync(viewport: Screens.Phone);
        await session.SignInAsync(admin, "bulkbar-password");
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        var bar = page.Locator("#bulk");
        var selectAll = bar.Locator(".bulk-select-all");
        var summary = bar.Locator(".bulk-menu > summary");
        await Expect(summary).ToHaveTextAsync(actions);
        await Expect(bar.GetByRole(AriaRole.Button, new() { Name = disable, Exact = true })).ToBeHiddenAsync();
        var barBox = (await bar.BoundingBoxAsync())!;
        var selectBox = (await selectAll.BoundingBoxAsync())!;
        var summaryBox = (await summary.BoundingBoxAsync())!;
        // Side by side: the menu's button right of "Select all", both within the bar's one line and the screen.
        Assert.True(summaryBox.X >= selectBox.X + selectBox.Width, $"The actions menu ({summaryBox.X}px) starts before 'Select all' ends ({selectBox.X + selectBox.Width}px).");
        Assert.True(summaryBox.Y < selectBox.Y + selectBox.Height && selectBox.Y < summaryBox.Y + summaryBox.Height, "The actions menu is not on the line of 'Select all'.");
        Assert.True(barBox.Height <= Math.Max(selectBox.Height, summaryBox.Height) + 1, $"The bar is {barBox.Height}px high for items of {selectBox.Height}px and {summaryBox.Height}px: it wraps.");
        Assert.True(summaryBox.X + summaryBox.Width <= Screens.Phone.Width, $"The actions menu ends at {summaryBox.X + summaryBox.Width}px.");

        // Opened, the menu lists the actions, one under the other, within the screen.
        await summary.ClickAsync();
        var disableButton = bar.GetByRole(AriaRole.Button, new() { Name = disable, Exact = true });
        await Expect(disableButton).ToBeVisibleAsync();
        var menuBox = (await bar.Locator(".bulk-actions").BoundingBoxAsync())!;
        Assert.True(menuBox.X >= 0 && menuBox.X + menuBox.Width <= Screens.Phone.Width, $"The open menu spans {menuBox.X}px to {menuBox.X + menuBox.Width}px.");
        await session.CheckAsync("users.list.phone-bulk-menu");
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height); // the check ends at 1280 px

        // A click elsewhere closes it, as a menu does; it still acts on the checked accounts.
        await page.Locator($"tbody tr[data-user='{prefix}.00'] input[type=checkbox]").CheckAsync();
        await Expect(disableButton).ToBeHiddenAsync();
        await summary.ClickAsync();
        await disableButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Users/Bulk"));
    }

    // Every choice of every filter select, measured in the select's own font against the room its box leaves for text
    // (its width less the padding, which holds the arrow): the choices whose text would be cut.
    private const string ClippedChoices = """
        form => {
            const canvas = document.createElement('canvas').getContext('2d');
            const clipped = [];
            for (const select of form.querySelectorAll('select')) {
                const style = getComputedStyle(select);
                canvas.font = style.font;
                const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                for (const option of select.options) {
                    const width = canvas.measureText(option.text).width;
                    if (width > room) clipped.push(`${select.id}: '${option.text}' is ${Math.round(width)}px in ${Math.round(room)}px`);
                }
                const box = select.getBoundingClientRect();
                if (box.left < 0 || box.right > window.innerWidth) clipped.push(`${select.id} spans ${box.left}px to ${box.right}px`);
            }
            return clipped;
        }
        """;

    [Theory]
    [InlineData("en", "Filters", true)]
    [InlineData("es", "Filtros", true)]
    [InlineData("es", "Filtros", false)]
    public async Task On_a_phone_the_filters_open_from_a_disclosure_and_no_choice_is_cut(string language, string filters, bool javaScript)
    {
        var prefix = await ThreePagesOfAccountsAsync();
        var admin = $"filters{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "filters-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync(viewport: Screens.Phone, javaScript: javaScript);
        await session.SignInAsync(admin, "filters-password");
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        // Closed, the filters are one button under the search box; no filter is set, so it counts none.
        var form = page.Locator("form[role=search]");
        var summary = form.Locator(".user-filters > summary");
        await Expect(summary).ToHaveTextAsync(filters);
        await Expect(form.Locator("select#status")).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));

        // Opened, every select is full width and shows every one of its choices whole.
        await summary.ClickAsync();
        await Expect(form.Locator("select#status")).ToBeVisibleAsync();
        var clipped = await form.EvaluateAsync<string[]>(ClippedChoices);
        Assert.True(clipped.Length == 0, "Cut at 390 px: " + string.Join("; ", clipped));
        var searchBox = (await form.Locator("#q").BoundingBoxAsync())!;
        foreach (var select in await form.Locator("select").AllAsync())
        {
            var box = (await select.BoundingBoxAsync())!;
            Assert.True(Math.Abs(box.X - searchBox.X) <= 1 && Math.Abs(box.Width - searchBox.Width) <= 1,
                $"A filter select spans {box.X}px to {box.X + box.Width}px, the search box {searchBox.X}px to {searchBox.X + searchBox.Width}px.");
        }
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));

        // The filters chosen there apply, and the closed disclosure then counts them (and says so to a screen reader).
        await form.Locator("select#status").SelectOptionAsync("Pending");
        await form.Locator("select#show").SelectOptionAsync("new30");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=Pending.*show=new30"));
        await Expect(summary.Locator(".badge")).ToHaveTextAsync("2");
        await Expect(summary).ToHaveAccessibleNameAsync(new Regex($"^{filters} .*2"));
        await Expect(form.Locator("select#status")).ToBeHiddenAsync();
        await summary.ClickAsync();
        await Expect(form.Locator("select#status")).ToHaveValueAsync("Pending");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        if (javaScript)
        {
            await session.CheckAsync("users.list.phone-filters");
        }
        else
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screens.Directory, $"users.list.phone-filters.no-script.{language}.light.390x844.png"), FullPage = true });
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task At_1280_px_the_filters_are_one_row_of_selects_with_no_choice_cut(string language)
    {
        var admin = $"filterswide{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "filters-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(admin, "filters-password");
        var page = session.Page;
        await page.GotoAsync("/Users");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        var form = page.Locator("form[role=search]");
        await Expect(form.Locator(".user-filters > summary")).ToBeHiddenAsync();
        var tops = new List<double>();
        foreach (var select in await form.Locator("select").AllAsync())
        {
            await Expect(select).ToBeVisibleAsync();
            tops.Add((await select.BoundingBoxAsync())!.Y);
        }
        Assert.True(tops.Max() - tops.Min() <= 1, $"The filter selects are not on one line: {string.Join(", ", tops)}.");
        var clipped = await form.EvaluateAsync<string[]>(ClippedChoices);
        Assert.True(clipped.Length == 0, "Cut at 1280 px: " + string.Join("; ", clipped));
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
        var split = await Screens.PiecesBrokenInsideAsync(email);
        Assert.True(split.Length == 0, "Broken inside: " + string.Join(", ", split));
        Assert.True(emailBox.Height > line.Height, "The test's email should need two lines on a phone.");
        await session.CheckAsync("users.list.phone-card");
    }

    [Theory]
    [InlineData("en", false)]
    [InlineData("es", false)]
    [InlineData("es", true)]
    public async Task At_1280_px_the_bulk_bar_is_one_line(string language, bool requests)
    {
        // More accounts than the list counts exactly (UserDirectory.CountLimit), for the longest "Select all" label; named
        // to sort after the other tests' accounts, so that they do not push those off a first page.
        var prefix = $"zzbulkline{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.WithDbAsync(async db =>
        {
            var now = browser.App.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i <= UserDirectory.CountLimit; i++)
            {
                db.Users.Add(new AppUser
                {
                    UserName = $"{prefix}.{i:D4}",
                    NormalizedUserName = $"{prefix}.{i:D4}".ToUpperInvariant(),
                    Email = $"{prefix}.{i:D4}@example.com",
                    NormalizedEmail = $"{prefix}.{i:D4}@EXAMPLE.COM",
                    DisplayName = $"{prefix} {i}",
                    Role = Roles.Employee,
                    CreatedAt = now,
                    SecurityStamp = Guid.NewGuid().ToString(),
                    Status = requests ? AccountStatus.Pending : AccountStatus.Active,
                });
            }
            return await db.SaveChangesAsync();
        });
        var admin = $"bulkline{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "bulkline-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(admin, "bulkline-password");
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}" + (requests ? "&status=Pending" : ""));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        var bar = page.Locator("#bulk");
        await Expect(bar.Locator(".bulk-select-all")).ToHaveTextAsync(language == "es" ? "Todas las que coinciden" : "Select all matching accounts");
        var barBox = (await bar.BoundingBoxAsync())!;
        var buttons = await bar.Locator("button").AllAsync();
        Assert.True(buttons.Count >= 5);
        var tallest = 0.0;
        foreach (var button in buttons)
        {
            await Expect(button).ToBeVisibleAsync();
            var box = (await button.BoundingBoxAsync())!;
            tallest = Math.Max(tallest, box.Height);
            Assert.True(box.X + box.Width <= barBox.X + barBox.Width + 1, $"A bulk button ends at {box.X + box.Width}px, past the bar.");
        }
        Assert.True(barBox.Height <= tallest + 1, $"The bulk bar is {barBox.Height}px high for {tallest}px buttons: it takes more than one line.");
        await session.CheckAsync(requests ? "users.list.bulk-bar-requests" : "users.list.bulk-bar");
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

        // The bulk actions are buttons in the bar, beside "Select all"; the phone's menu button is not there.
        var bar = page.Locator("#bulk");
        await Expect(bar.Locator(".bulk-menu > summary")).ToBeHiddenAsync();
        foreach (var action in new[] { "Disable", "Enable", "Resend invitation", "Delete", "Export CSV" })
        {
            await Expect(bar.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToBeVisibleAsync();
        }
        var selectBox = (await bar.Locator(".bulk-select-all").BoundingBoxAsync())!;
        var disableBox = (await bar.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).BoundingBoxAsync())!;
        var exportBox = (await bar.GetByRole(AriaRole.Button, new() { Name = "Export CSV", Exact = true }).BoundingBoxAsync())!;
        Assert.True(Math.Abs((disableBox.Y + disableBox.Height / 2) - (selectBox.Y + selectBox.Height / 2)) <= 2, "At 1280 px the bulk buttons are not on the line of 'Select all'.");
        Assert.True(Math.Abs(exportBox.Y - disableBox.Y) <= 1, "At 1280 px the bulk buttons wrap.");
    }
}
