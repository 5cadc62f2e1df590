using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NotificationsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_bell_counts_unread_notifications_and_mark_all_read_clears_it()
    {
        var nora = await browser.App.CreateUserAsync("nora", Roles.Employee, "nora-password");
        await browser.App.WithDbAsync(async db =>
        {
            db.Notifications.AddRange(
                new Notification { UserId = nora.Id, CreatedAt = browser.App.Clock.GetUtcNow().UtcDateTime, Kind = Notifier.AccountChanged, ActorUserName = "root", Details = "DisplayName" },
                new Notification { UserId = nora.Id, CreatedAt = browser.App.Clock.GetUtcNow().UtcDateTime, Kind = Notifier.AccountChanged, ActorUserName = "root", Details = "Email" });
            return await db.SaveChangesAsync();
        });
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync("nora", "nora-password");

        var bell = page.GetByRole(AriaRole.Link, new() { Name = "Notifications, 2 unread" });
        await Expect(bell).ToBeVisibleAsync();
        await session.CheckAsync("home.with-unread");
        await bell.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Notifications$"));
        await session.CheckAsync("notifications");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all as read" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Notifications, none unread" })).ToBeVisibleAsync();
        await session.CheckAsync("notifications.all-read");
        Assert.Equal(0, await browser.App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == nora.Id && n.ReadAt == null)));
    }

    [Fact]
    public async Task The_audit_log_and_an_entry_s_details_are_readable()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync("root", AppFactory.RootPassword);
        await session.GotoAsync("/Audit");
        await Expect(page.Locator("main table tbody tr").First).ToBeVisibleAsync();
        await session.CheckAsync("audit.list");
        await page.Locator("main table tbody tr a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Audit/"));
        await session.CheckAsync("audit.details");
    }
}
