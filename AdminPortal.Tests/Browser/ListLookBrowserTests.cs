using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// What every list shares (issue 14): the pager's disabled links keep the outline of the enabled ones, only muted, in
/// every list that has a pager and in both themes; and a row's actions are one small icon button of the same size in
/// the user list (its menu) and in the audit log (an entry's details).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListLookBrowserTests(BrowserFixture browser)
{
    // The computed look of the pager's first disabled link (not the phone's "Page N of M") and first enabled one.
    private const string PagerLinkStyles = """
        theme => {
            document.documentElement.setAttribute('data-bs-theme', theme);
            document.getAnimations().forEach(a => a.finish());
            const look = e => {
                const s = getComputedStyle(e);
                return {
                    border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor} / ${s.borderLeftColor}`,
                    background: s.backgroundColor,
                    color: s.color,
                };
            };
            const disabled = document.querySelector('.pagination .page-item.disabled:not(.pager-status) > .page-link');
            const enabled = document.querySelector('.pagination .page-item:not(.disabled):not(.active) > a.page-link');
            return JSON.stringify({ disabled: look(disabled), enabled: look(enabled) });
        }
        """;

    private sealed record Look(string Border, string Background, string Color);

    private sealed record PagerLooks(Look Disabled, Look Enabled);

    private static async Task AssertPagerLinksShareOneStyleAsync(IPage page, string list)
    {
        await Expect(page.Locator(".pagination .page-item.disabled:not(.pager-status)").First).ToBeVisibleAsync();
        foreach (var theme in new[] { "light", "dark" })
        {
            var looks = JsonSerializer.Deserialize<PagerLooks>(await page.EvaluateAsync<string>(PagerLinkStyles, theme), JsonSerializerOptions.Web)!;
            Assert.True(looks.Disabled.Border == looks.Enabled.Border, $"{list} ({theme}): a disabled pager link's border is {looks.Disabled.Border}, an enabled one's {looks.Enabled.Border}.");
            Assert.True(looks.Disabled.Background == looks.Enabled.Background, $"{list} ({theme}): a disabled pager link's background is {looks.Disabled.Background}, an enabled one's {looks.Enabled.Background}.");
            Assert.True(looks.Disabled.Color != looks.Enabled.Color, $"{list} ({theme}): a disabled pager link's text is not muted ({looks.Disabled.Color}).");
        }
    }

    private async Task<string> AuditEntriesAsync(int count)
    {
        var target = $"look{Guid.NewGuid().ToString("N")[..8]}";
        await browser.App.WithDbAsync(async db =>
        {
            var at = browser.App.Clock.GetUtcNow().UtcDateTime.AddHours(-1); // the app's clock: newer entries would lead the dashboard's activity
            db.AuditEntries.AddRange(Enumerable.Range(0, count).Select(i => new AuditEntry
            {
                At = at.AddSeconds(i),
                Action = AuditActions.SignOut,
                TargetUserName = target,
                ClientAddress = "10.1.2.3",
                Succeeded = true,
            }));
            return await db.SaveChangesAsync();
        });
        return target;
    }

    [Fact]
    public async Task Disabled_and_enabled_pager_links_share_one_outline_in_every_list_with_a_pager()
    {
        var prefix = $"pager{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 0; i < 11; i++)
        {
            await browser.App.CreateUserAsync($"{prefix}.{i:D2}", Roles.Employee);
        }
        var target = await AuditEntriesAsync(AuditQueries.PageSize + 1);
        var reader = await browser.App.CreateUserAsync($"{prefix}.reader", Roles.Employee, "reader-password");
        await browser.App.WithDbAsync(async db =>
        {
            // Each from another sender, so none is folded into a repeated one.
            db.Notifications.AddRange(Enumerable.Range(0, NotificationInbox.PageSize + 1).Select(i => new Notification
            {
                UserId = reader.Id,
                CreatedAt = browser.App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-i),
                Kind = Notifier.AccountChanged,
                ActorUserName = $"sender{i}",
                Details = "DisplayName",
            }));
            return await db.SaveChangesAsync();
        });

        await using (var session = await browser.NewSessionAsync())
        {
            await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
            await session.Page.GotoAsync($"/Users?q={prefix}");
            await AssertPagerLinksShareOneStyleAsync(session.Page, "The user list");
            await session.Page.GotoAsync($"/Audit?target={target}&page=2");
            await AssertPagerLinksShareOneStyleAsync(session.Page, "The audit log");
            await session.CheckAsync("audit.list.last-page");
        }
        await using (var session = await browser.NewSessionAsync())
        {
            await session.SignInAsync($"{prefix}.reader", "reader-password");
            await session.Page.GotoAsync("/Notifications");
            await AssertPagerLinksShareOneStyleAsync(session.Page, "The notifications");
            await session.CheckAsync("notifications.first-page");
        }
    }

    [Fact]
    public async Task An_audit_entry_s_details_is_an_icon_button_like_the_user_list_s_row_menu()
    {
        var name = $"rowact{Guid.NewGuid().ToString("N")[..6]}";
        await browser.App.CreateUserAsync(name, Roles.Employee);
        var target = await AuditEntriesAsync(1);
        var id = await browser.App.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(e => e.TargetUserName == target).Select(e => e.Id).Single()));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;

        await page.GotoAsync($"/Users?q={name}");
        var menu = page.Locator($"tbody tr[data-user='{name}'] .row-menu > summary");
        var menuBox = (await menu.BoundingBoxAsync())!;
        var menuLook = await menu.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.borderTopColor, s.borderTopWidth, s.borderRadius, s.backgroundColor, s.color].join(' '); }");

        await page.GotoAsync($"/Audit?target={target}");
        var details = page.GetByRole(AriaRole.Link, new() { Name = $"Details of entry {id}", Exact = true });
        await Expect(details).ToBeVisibleAsync();
        await Expect(details).ToHaveAttributeAsync("title", "Details");
        var detailsBox = (await details.BoundingBoxAsync())!;
        var detailsLook = await details.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.borderTopColor, s.borderTopWidth, s.borderRadius, s.backgroundColor, s.color].join(' '); }");
        Assert.True(Math.Abs(detailsBox.Width - menuBox.Width) <= 1 && Math.Abs(detailsBox.Height - menuBox.Height) <= 1,
            $"The audit log's details button is {detailsBox.Width}×{detailsBox.Height}px, the user list's row menu {menuBox.Width}×{menuBox.Height}px.");
        Assert.Equal(menuLook, detailsLook);
        // An icon, no visible word: the button's name comes from its hidden text.
        await Expect(details.Locator("svg")).ToBeVisibleAsync();
        await session.CheckAsync("audit.list.row-action");

        // On a phone the button sits in the card's top right corner, on the line of the entry's time, as the user
        // list's cards have their menu.
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        var card = (await page.Locator("tbody tr").First.BoundingBoxAsync())!;
        var time = (await page.Locator("tbody tr").First.Locator("td").First.BoundingBoxAsync())!;
        detailsBox = (await details.BoundingBoxAsync())!;
        Assert.True(detailsBox.Y < time.Y + time.Height && time.Y < detailsBox.Y + detailsBox.Height, "On a phone the details button is not on the line of the entry's time.");
        Assert.True(card.X + card.Width - (detailsBox.X + detailsBox.Width) <= 16, $"On a phone the details button ends {card.X + card.Width - (detailsBox.X + detailsBox.Width)}px from the card's right edge.");
        Assert.True(detailsBox.X >= time.X + time.Width - 1, "On a phone the details button covers the entry's time.");
        await page.SetViewportSizeAsync(Screens.Desktop.Width, Screens.Desktop.Height);

        await details.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Audit/Details/{id}$"));
    }

    [Fact]
    public async Task An_account_s_recent_history_links_each_entry_with_the_lists_icon_button()
    {
        var name = $"hist{Guid.NewGuid().ToString("N")[..6]}";
        var user = await browser.App.CreateUserAsync(name, Roles.Employee, "hist-password");
        await using (var own = await browser.NewSessionAsync())
        {
            await own.SignInAsync(name, "hist-password");
        }
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q={name}");
        var menuBox = (await page.Locator($"tbody tr[data-user='{name}'] .row-menu > summary").BoundingBoxAsync())!;

        await page.GotoAsync($"/Users/Details/{user.Id}");
        var entry = page.Locator(".account-history li").First;
        var link = entry.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Details of entry \\d+$") });
        await Expect(link).ToHaveClassAsync(new Regex("row-action"));
        var linkBox = (await link.BoundingBoxAsync())!;
        Assert.True(Math.Abs(linkBox.Width - menuBox.Width) <= 1 && Math.Abs(linkBox.Height - menuBox.Height) <= 1,
            $"The history's details button is {linkBox.Width}×{linkBox.Height}px, the user list's row menu {menuBox.Width}×{menuBox.Height}px.");
        // The action and its author read as one sentence, one space between them, not a flex gap; a sign-in is the
        // account's own.
        await Expect(entry.Locator(".history-what")).ToHaveTextAsync($"Signed in by {name}");
        await session.CheckAsync("users.details.history");
    }

    [Fact]
    public async Task The_lists_and_an_audit_entry_have_headings_of_one_size()
    {
        var target = await AuditEntriesAsync(1);
        var id = await browser.App.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(e => e.TargetUserName == target).Select(e => e.Id).Single()));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        var sizes = new Dictionary<string, string>();
        foreach (var url in new[] { "/Users", "/Audit", $"/Audit/Details/{id}", "/Notifications", "/Identity/Account/Manage" })
        {
            await page.GotoAsync(url);
            sizes[url] = await page.Locator("main h1").EvaluateAsync<string>("h => getComputedStyle(h).fontSize");
        }
        Assert.True(sizes.Values.Distinct().Count() == 1, "Headings: " + string.Join(", ", sizes.Select(p => $"{p.Key} {p.Value}")));
    }

    [Fact]
    public async Task An_empty_user_list_says_so_once()
    {
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var page = session.Page;
        await page.GotoAsync($"/Users?q=nobody-{Guid.NewGuid().ToString("N")[..6]}");

        await Expect(page.Locator("#empty")).ToHaveTextAsync(new Regex("No accounts match your search and filters\\."));
        await Expect(page.Locator("#empty")).ToHaveAttributeAsync("role", "status");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Equal(1, Regex.Count(main, "No accounts"));
    }

    [Fact]
    public async Task In_Spanish_at_1280_px_the_user_list_fits_the_window_and_every_filter_shows_its_whole_choice()
    {
        var prefix = $"ancho{Guid.NewGuid().ToString("N")[..6]}";
        for (var i = 0; i < 3; i++)
        {
            await browser.App.CreateUserAsync($"{prefix}.{i}", Roles.Employee);
        }
        var admin = $"{prefix}.admin";
        await browser.App.CreateUserAsync(admin, Roles.Admin, "ancho-password");
        await browser.App.WithDbAsync(db => db.Users.Where(u => u.UserName == admin).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(admin, "ancho-password");
        var page = session.Page;
        await page.GotoAsync($"/Users?q={prefix}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(4);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The Spanish user list is {overflow}px wider than 1280 px.");
        var table = (await page.Locator(".user-table").BoundingBoxAsync())!;
        var main = (await page.Locator("main").BoundingBoxAsync())!;
        Assert.True(table.X + table.Width <= main.X + main.Width + 1, $"The table ends at {table.X + table.Width}px, past the page's {main.X + main.Width}px.");

        // A column name may wrap, but the sort arrow stays with its last word (alone it is a line about 12 px wide).
        var lines = await page.Locator("th[aria-sort=ascending] a").EvaluateAsync<double[]>("a => [...a.getClientRects()].map(r => r.width)");
        Assert.True(lines.All(width => width > 20), "The sorted column's name wraps into lines of " + string.Join(", ", lines) + " px.");

        // A select's chosen text fits between its padding and its arrow ("Cualquier" was all three of them showed).
        var cut = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('form[role=search] select')].map(s => {
                const style = getComputedStyle(s);
                const context = document.createElement('canvas').getContext('2d');
                context.font = style.font;
                const text = s.options[s.selectedIndex].text;
                const width = context.measureText(text).width;
                const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                return width <= room + 0.5 ? '' : `${s.id}: "${text}" needs ${Math.ceil(width)}px, has ${Math.floor(room)}px`;
            }).filter(Boolean)
            """);
        Assert.True(cut.Length == 0, "Cut filters: " + string.Join("; ", cut));
        await session.CheckAsync("users.list.filters");
    }
}
