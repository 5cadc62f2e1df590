using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Notifications;

public sealed class NotificationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AppUser _alice = null!;
    private AppUser _bob = null!;

    public async ValueTask InitializeAsync()
    {
        _alice = await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password");
        _bob = await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>What the users service does on an edit: the change, its record and the holder's notice in one SaveChanges.</summary>
    private Task EditAsync(AppUser actor, AppUser target, string newDisplayName) => _app.AsActorAsync(actor, async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == target.Id);
        var changes = new Dictionary<string, FieldChange> { ["DisplayName"] = new(user.DisplayName, newDisplayName) };
        user.DisplayName = newDisplayName;
        services.GetRequiredService<AuditLog>().Add(AuditActions.UserUpdate, user.Id, user.UserName, changes);
        services.GetRequiredService<Notifier>().AccountChangedBySomeoneElse(user.Id, ["DisplayName", "Role"]);
        await db.SaveChangesAsync();
    });

    private static string Bell(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector("nav a.notification-bell")!.GetAttribute("aria-label")!;

    [Fact]
    public async Task Someone_elses_change_notifies_the_holder_who_sees_it_with_the_bell_count()
    {
        var root = await _app.RootAsync();
        await EditAsync(root, _alice, "Alice A.");

        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var home = await browser.GetPageAsync("/");
        Assert.Equal("Notifications, 1 unread", Bell(home));
        var page = await browser.GetPageAsync("/Notifications");
        var item = Assert.Single(page.QuerySelectorAll("ul.notifications li"));
        Assert.Contains("root changed your account: the display name, the role.", item.TextContent);
        Assert.Contains("New", item.TextContent);
    }

    [Fact]
    public async Task An_administrator_setting_the_password_notifies_the_holder()
    {
        using var root = await _app.SignedInAsRootAsync();
        var response = await root.SubmitFormAsync($"/Users/SetPassword/{_alice.Id}", new Dictionary<string, string>
        {
            ["Input.Password"] = "set-by-root-1",
            ["Input.ConfirmPassword"] = "set-by-root-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var notice = Assert.Single(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _alice.Id).ToListAsync()));
        Assert.Equal("root", notice.ActorUserName);
        Assert.Null(notice.ReadAt);
        Assert.DoesNotContain("set-by-root-1", notice.Details ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ones_own_change_notifies_nobody()
    {
        await EditAsync(_alice, _alice, "Me myself");
        Assert.Equal(0, await _app.WithDbAsync(db => db.Notifications.CountAsync()));
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        Assert.Equal("Notifications, none unread", Bell(await browser.GetPageAsync("/")));
    }

    [Fact]
    public async Task Another_users_notification_cannot_be_marked_it_answers_404()
    {
        var root = await _app.RootAsync();
        await EditAsync(root, _alice, "Alice A.");
        await EditAsync(root, _bob, "Bob B.");
        var bobsId = await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _bob.Id).Select(n => n.Id).SingleAsync());

        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var page = await browser.GetPageAsync("/Notifications");
        var form = HttpBrowser.FindForm(page, "form.mark-read");
        form.Action = $"/Notifications?handler=MarkRead&id={bobsId}";
        var response = await browser.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await _app.WithDbAsync(db => db.Notifications.Where(n => n.Id == bobsId).Select(n => n.ReadAt).SingleAsync()));
        Assert.DoesNotContain("Bob B.", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Marking_one_read_lowers_the_count()
    {
        var root = await _app.RootAsync();
        await EditAsync(root, _alice, "One");
        await EditAsync(root, _alice, "Two");
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.SubmitFormAsync("/Notifications", formSelector: "form.mark-read");
        var page = await browser.FollowAsync(response);
        Assert.Equal("Notification marked as read.", page.StatusMessage());
        Assert.Equal("Notifications, 1 unread", Bell(page));
        Assert.Single(page.QuerySelectorAll("form.mark-read"));
    }

    [Fact]
    public async Task Mark_all_read_clears_the_count()
    {
        var root = await _app.RootAsync();
        for (var i = 0; i < 3; i++)
        {
            await EditAsync(root, _alice, $"Name {i}");
        }
        await EditAsync(root, _bob, "Bob B.");
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var before = await browser.GetPageAsync("/Notifications");
        Assert.Equal("Notifications, 3 unread", Bell(before));

        var response = await browser.SubmitAsync(HttpBrowser.FindForm(before, "#mark-all-read"));
        var after = await browser.FollowAsync(response);

        Assert.Equal("All notifications marked as read.", after.StatusMessage());
        Assert.Equal("Notifications, none unread", Bell(after));
        Assert.Empty(after.QuerySelectorAll("form.mark-read"));
        Assert.Null(after.QuerySelector("#mark-all-read"));
        Assert.Equal(3, after.QuerySelectorAll("ul.notifications li").Length);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.ReadAt == null))); // bob's stays unread
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paged()
    {
        var root = await _app.RootAsync();
        for (var i = 0; i < NotificationInbox.PageSize + 3; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            await EditAsync(root, _alice, $"Name {i}");
        }
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var first = await browser.GetPageAsync("/Notifications");
        var times = first.QuerySelectorAll("ul.notifications time").Select(t => t.GetAttribute("datetime")!).ToList();
        Assert.Equal(NotificationInbox.PageSize, times.Count);
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
        var second = await browser.GetPageAsync(first.QuerySelector(".pagination a[aria-label='Next page']")!.GetAttribute("href")!);
        Assert.Equal(3, second.QuerySelectorAll("ul.notifications li").Length);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.GetAsync("/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
