using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;

namespace AdminPortal.Tests.Sessions;

/// <summary>Administrators see and end another account's sessions from its details page (rule 13, issue 10).</summary>
public sealed class AdminSessionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private int _bobId;
    private int _adaId;

    public async ValueTask InitializeAsync()
    {
        _bobId = (await _app.CreateUserAsync("bob", Roles.Employee, "bob-password")).Id;
        _adaId = (await _app.CreateUserAsync("ada", Roles.Admin, "ada-password")).Id;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Details(int id) => $"/Users/Details/{id}";

    [Fact]
    public async Task An_admin_ending_a_session_takes_effect_at_its_next_request_is_audited_and_the_holder_notified()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password", YourSessionsTests.Chrome, clientAddress: "198.51.100.10");
        var phoneAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (phone, phoneCookie) = await _app.SignInCapturingAsync("bob", "bob-password", YourSessionsTests.IPhone, clientAddress: "198.51.100.20");
        await AssertSignedInAsync(phone.Client);
        var (ada, _) = await _app.SignInCapturingAsync("ada", "ada-password");

        var page = await ada.GetPageAsync(Details(_bobId));
        var rows = page.QuerySelectorAll("#sessions .session").ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.QuerySelector(".session-this"))); // none of them is the admin's
        var phoneRow = rows.Single(r => r.QuerySelector(".session-browser")!.TextContent == "Safari on iPhone");
        var response = await ada.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)phoneRow.QuerySelector("form")!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await ada.FollowAsync(response);
        Assert.Contains("A session of bob was signed out.", after.StatusMessage());
        Assert.Single(after.QuerySelectorAll("#sessions .session"));

        await AssertSentToSignInAsync(phone.Client);
        using var replay = _app.ReplayClient(phoneCookie);
        await AssertSentToSignInAsync(replay);
        await AssertSignedInAsync(laptop.Client);

        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserSessionEnd));
        Assert.True(entry.Succeeded);
        Assert.Equal("ada", entry.ActorUserName);
        Assert.Equal(_bobId, entry.TargetId);
        Assert.Equal($"Safari on iPhone, 198.51.100.20, signed in {phoneAt:yyyy-MM-dd HH:mm:ss} UTC", entry.Reason);

        var notification = Assert.Single(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _bobId).ToListAsync()));
        Assert.Equal(Notifier.SessionsEnded, notification.Kind);
        var notifications = await laptop.GetPageAsync("/Notifications");
        Assert.Contains("ada signed out one of your sessions.", notifications.QuerySelector("main .notifications")!.TextContent);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        var (phone, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        using var root = await _app.SignedInAsRootAsync();

        var response = await root.SubmitFormAsync(Details(_bobId), formSelector: "#end-all-sessions");
        var after = await root.FollowAsync(response);

        Assert.Contains("Every session of bob was signed out.", after.StatusMessage());
        Assert.NotNull(after.QuerySelector("#no-sessions"));
        Assert.Empty(await _app.SessionsOfAsync("bob"));
        await AssertSentToSignInAsync(laptop.Client);
        await AssertSentToSignInAsync(phone.Client);
        await AssertSignedInAsync(root.Client);
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserSessionEndAll));
        Assert.Equal("2 sessions", entry.Reason);
        Assert.Equal("root", entry.ActorUserName);
        var notification = Assert.Single(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _bobId).ToListAsync()));
        Assert.Equal(Notifier.AllSessions, notification.Details);
    }

    [Fact]
    public async Task Ending_the_principal_s_sessions_from_the_administration_pages_is_refused()
    {
        var (rootBrowser, _) = await _app.SignInCapturingAsync("root", AppFactory.RootPassword);
        var rootId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "root").Select(u => u.Id).SingleAsync());
        var rootSession = Assert.Single(await _app.SessionsOfAsync("root")).Id;
        var (ada, _) = await _app.SignInCapturingAsync("ada", "ada-password");
        await _app.SignInCapturingAsync("bob", "bob-password");

        var principalPage = await ada.GetPageAsync(Details(rootId));
        Assert.Single(principalPage.QuerySelectorAll("#sessions .session"));
        Assert.Null(principalPage.QuerySelector("#sessions form")); // nothing offered

        // Hand-made posts with the admin's real token: the forms of another account's page, aimed at the principal.
        var bobPage = await ada.GetPageAsync(Details(_bobId));
        var all = HttpBrowser.FindForm(bobPage, "#end-all-sessions");
        all.Action = $"{Details(rootId)}?handler=EndAllSessions";
        var refusedAll = await ada.FollowAsync(await ada.SubmitAsync(all));
        var one = HttpBrowser.FindForm(bobPage, "#sessions .session form");
        one.Action = $"{Details(rootId)}?handler=EndSession";
        var refusedOne = await ada.FollowAsync(await ada.SubmitAsync(one, new Dictionary<string, string> { ["sessionId"] = rootSession }));

        Assert.Contains("The principal account is protected", refusedAll.StatusMessage());
        Assert.Contains("The principal account is protected", refusedOne.StatusMessage());
        Assert.Single(await _app.SessionsOfAsync("root"));
        await AssertSignedInAsync(rootBrowser.Client);
        var refusals = (await _app.AuditEntriesAsync()).Where(e => e.Action is AuditActions.UserSessionEnd or AuditActions.UserSessionEndAll).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, e => Assert.False(e.Succeeded));
        Assert.All(refusals, e => Assert.Equal("principal-protected", e.Reason));
        Assert.Empty(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == rootId).ToListAsync()));
    }

    [Fact]
    public async Task An_admin_ends_their_own_sessions_from_your_sessions_not_from_the_administration_pages()
    {
        var (ada, _) = await _app.SignInCapturingAsync("ada", "ada-password");
        await _app.SignInCapturingAsync("ada", "ada-password");
        var own = await ada.GetPageAsync(Details(_adaId));
        Assert.Null(own.QuerySelector("#sessions form"));
        Assert.NotNull(own.QuerySelector("#sessions a[href='/Identity/Account/Manage/Sessions']"));

        var bobPage = await ada.GetPageAsync(Details(_bobId));
        await _app.SignInCapturingAsync("bob", "bob-password");
        bobPage = await ada.GetPageAsync(Details(_bobId));
        var all = HttpBrowser.FindForm(bobPage, "#end-all-sessions");
        all.Action = $"{Details(_adaId)}?handler=EndAllSessions";
        var refused = await ada.FollowAsync(await ada.SubmitAsync(all));

        Assert.Contains("End your own sessions from Your sessions", refused.StatusMessage());
        Assert.Equal(2, (await _app.SessionsOfAsync("ada")).Count);
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserSessionEndAll));
        Assert.False(entry.Succeeded);
        Assert.Equal("own-sessions", entry.Reason);
    }

    [Fact]
    public async Task A_user_who_does_not_manage_users_cannot_end_anyone_s_sessions()
    {
        await _app.CreateUserAsync("eve", Roles.Vendor, "eve-password");
        var (eve, _) = await _app.SignInCapturingAsync("eve", "eve-password");
        await _app.SignInCapturingAsync("bob", "bob-password");
        var token = (await eve.GetPageAsync("/Identity/Account/Manage/Sessions"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await eve.Client.PostAsync($"{Details(_bobId)}?handler=EndAllSessions",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Single(await _app.SessionsOfAsync("bob"));
    }

    [Fact]
    public async Task A_session_that_already_ended_is_reported_and_nothing_is_written()
    {
        var (bob, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        var (ada, _) = await _app.SignInCapturingAsync("ada", "ada-password");
        var page = await ada.GetPageAsync(Details(_bobId));
        await bob.SubmitFormAsync("/Identity/Account/Logout");

        var after = await ada.FollowAsync(await ada.SubmitAsync(HttpBrowser.FindForm(page, "#sessions .session form")));

        Assert.Contains("There is no such open session", after.StatusMessage());
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.UserSessionEnd));
        Assert.Empty(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _bobId).ToListAsync()));
    }

    [Fact]
    public async Task Sign_out_everywhere_on_an_account_signed_in_nowhere_writes_nothing()
    {
        var (ada, _) = await _app.SignInCapturingAsync("ada", "ada-password");
        var page = await ada.GetPageAsync(Details(_bobId));
        Assert.NotNull(page.QuerySelector("#no-sessions"));
        Assert.Null(page.QuerySelector("#end-all-sessions"));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await ada.Client.PostAsync($"{Details(_bobId)}?handler=EndAllSessions",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await ada.FollowAsync(response);

        Assert.Contains("There is no such open session", after.StatusMessage());
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.UserSessionEndAll));
        Assert.Empty(await _app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == _bobId).ToListAsync()));
    }

    [Fact]
    public async Task The_rules_hold_when_the_service_is_called_directly()
    {
        await _app.SignInCapturingAsync("bob", "bob-password");
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<AdminPortal.Users.UserAdministrationService>();
            var vendor = new AdminPortal.Accounts.CurrentAccount(999, "vera", "Vera", Roles.Vendor, Theme.System, "en", false, false);
            var refused = await users.EndAllSessionsAsync(vendor, _bobId);
            Assert.Equal(AdminPortal.Users.UserRefusal.NotUserManager, refused.Refusal);
        });
        Assert.Single(await _app.SessionsOfAsync("bob"));
    }
}
