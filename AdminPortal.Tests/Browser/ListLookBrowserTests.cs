using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
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
            var at = DateTime.UtcNow.AddHours(-1);
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
                CreatedAt = DateTime.UtcNow.AddMinutes(-i),
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

        await details.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/Audit/Details/{id}$"));
    }
}
