using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;

namespace AdminPortal.Tests.Sessions;

/// <summary>"Your sessions" under account settings (DESIGN.md "Sessions", issue 10).</summary>
public sealed class YourSessionsTests : IAsyncLifetime
{
    public const string Page = "/Identity/Account/Manage/Sessions";
    public const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    public const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";

    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
        await _app.CreateUserAsync("alice", Roles.Employee, "alice-password");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_page_lists_each_session_in_words_with_this_one_marked()
    {
        var laptopAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password", Chrome, clientAddress: "198.51.100.10");
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _app.SignInCapturingAsync("bob", "bob-password", IPhone, rememberMe: true, clientAddress: "198.51.100.20");
        await _app.SignInCapturingAsync("alice", "alice-password", Firefox); // someone else's: not listed

        var page = await laptop.GetPageAsync(Page);

        var rows = page.QuerySelectorAll("main .session").ToList();
        Assert.Equal(2, rows.Count);
        var current = rows[0];
        Assert.Contains("session-current", current.ClassName);
        Assert.Equal("Chrome on Windows", current.QuerySelector(".session-browser")!.TextContent);
        Assert.Equal("This session", current.QuerySelector(".session-this")!.TextContent);
        Assert.Null(current.QuerySelector(".session-kept"));
        Assert.Equal("198.51.100.10", current.QuerySelector(".session-address")!.TextContent);
        // The details page's date format (DisplayFormat.Minutes), in the page's English.
        Assert.Equal($"Signed in {laptopAt.ToString("d MMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-US"))} UTC", current.QuerySelector(".session-signed-in")!.TextContent);
        Assert.Null(current.QuerySelector("form")); // this session is signed out from the user menu

        var phone = rows[1];
        Assert.Equal("Safari on iPhone", phone.QuerySelector(".session-browser")!.TextContent);
        Assert.Null(phone.QuerySelector(".session-this"));
        Assert.Equal("Keep me signed in", phone.QuerySelector(".session-kept")!.TextContent);
        Assert.Equal("198.51.100.20", phone.QuerySelector(".session-address")!.TextContent);
        Assert.NotNull(phone.QuerySelector("form button"));
        Assert.NotNull(page.QuerySelector("#end-others"));
        // The settings navigation leads here.
        Assert.NotNull(page.QuerySelector($"nav a[href='{Page}'][aria-current=page]"));
    }

    [Fact]
    public async Task Sign_out_everywhere_else_leaves_this_session_and_ends_the_others()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password", Chrome);
        var (phone, phoneCookie) = await _app.SignInCapturingAsync("bob", "bob-password", IPhone);
        var (tablet, _) = await _app.SignInCapturingAsync("bob", "bob-password", Firefox);
        var (alice, _) = await _app.SignInCapturingAsync("alice", "alice-password");

        var response = await laptop.SubmitFormAsync(Page, formSelector: "#end-others");
        var after = await laptop.FollowAsync(response);

        Assert.Equal("Signed out of 2 other sessions.", after.StatusMessage().Replace("×", "").Trim());
        Assert.Single(after.QuerySelectorAll("main .session"));
        Assert.Single(await _app.SessionsOfAsync("bob"));
        await AssertSignedInAsync(laptop.Client);
        await AssertSentToSignInAsync(phone.Client);
        await AssertSentToSignInAsync(tablet.Client);
        using var replay = _app.ReplayClient(phoneCookie);
        await AssertSentToSignInAsync(replay);
        await AssertSignedInAsync(alice.Client);

        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.AccountSessionEndOthers));
        Assert.True(entry.Succeeded);
        Assert.Equal("bob", entry.TargetUserName);
        Assert.Equal("bob", entry.ActorUserName);
        Assert.Equal("2 sessions", entry.Reason);
    }

    [Fact]
    public async Task Sign_out_on_one_session_ends_only_that_one_and_the_audit_log_names_it_without_its_id()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password", Chrome);
        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        var phoneAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (phone, _) = await _app.SignInCapturingAsync("bob", "bob-password", IPhone, clientAddress: "198.51.100.20");
        var (tablet, _) = await _app.SignInCapturingAsync("bob", "bob-password", Firefox);
        var phoneId = (await _app.SessionsOfAsync("bob")).Single(s => s.UserAgent == IPhone).Id;

        var page = await laptop.GetPageAsync(Page);
        var phoneRow = page.QuerySelectorAll("main .session").Single(r => r.QuerySelector(".session-browser")!.TextContent == "Safari on iPhone");
        var response = await laptop.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)phoneRow.QuerySelector("form")!);
        var after = await laptop.FollowAsync(response);

        Assert.Contains("That session was signed out.", after.StatusMessage());
        await AssertSentToSignInAsync(phone.Client);
        await AssertSignedInAsync(tablet.Client);
        await AssertSignedInAsync(laptop.Client);
        Assert.Equal(2, (await _app.SessionsOfAsync("bob")).Count);

        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.AccountSessionEnd));
        Assert.Equal($"Safari on iPhone, 198.51.100.20, signed in {phoneAt:yyyy-MM-dd HH:mm:ss} UTC", entry.Reason);
        var everything = string.Join("|", (await _app.AuditEntriesAsync()).Select(e => $"{e.Reason} {e.Changes}"));
        Assert.DoesNotContain(phoneId, everything, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_account_s_session_cannot_be_ended_from_your_page()
    {
        var (alice, _) = await _app.SignInCapturingAsync("alice", "alice-password");
        var aliceSession = Assert.Single(await _app.SessionsOfAsync("alice")).Id;
        var (bob, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        await _app.SignInCapturingAsync("bob", "bob-password");

        var page = await bob.GetPageAsync(Page);
        var response = await bob.SubmitAsync(HttpBrowser.FindForm(page, "main .session form"), new Dictionary<string, string> { ["sessionId"] = aliceSession });
        var after = await bob.FollowAsync(response);

        Assert.Contains("that session had already ended", after.StatusMessage());
        await AssertSignedInAsync(alice.Client);
        Assert.Single(await _app.SessionsOfAsync("alice"));
        Assert.Equal(2, (await _app.SessionsOfAsync("bob")).Count);
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.AccountSessionEnd));
    }

    [Fact]
    public async Task Sign_out_everywhere_else_with_no_other_session_writes_nothing()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        var page = await laptop.GetPageAsync(Page);
        Assert.Null(page.QuerySelector("#end-others")); // not offered; a hand-made post all the same
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await laptop.Client.PostAsync(Page + "?handler=EndOthers",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var after = await laptop.FollowAsync(response);

        Assert.Contains("There were no other sessions to sign out.", after.StatusMessage());
        Assert.Single(await _app.SessionsOfAsync("bob"));
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.AccountSessionEndOthers));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_ends_nothing()
    {
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        await _app.SignInCapturingAsync("bob", "bob-password");

        var response = await laptop.Client.PostAsync(Page + "?handler=EndOthers", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (await _app.SessionsOfAsync("bob")).Count);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await _app.CreateBrowser().GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
