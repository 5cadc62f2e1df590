using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Accounts;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password", email: "Alice@Example.com");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Signing_in_by_user_name_reaches_the_home_page()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.SignInAsync("alice", "alice-password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await browser.GetPageAsync("/");
        Assert.Contains("alice display", home.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Signing_in_by_email_ignores_case()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.SignInAsync("alice@example.COM", "alice-password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_give_the_same_page()
    {
        using var browser = _app.CreateBrowser();
        var wrongPassword = await HttpBrowser.ParseAsync(await browser.SignInAsync("alice", "not-her-password"));
        var unknownUser = await HttpBrowser.ParseAsync(await browser.SignInAsync("nobody", "not-her-password"));
        Assert.Equal("The user name, email or password is not correct.", wrongPassword.Summary());
        Assert.Equal(wrongPassword.Summary(), unknownUser.Summary());
        Assert.Equal(wrongPassword.QuerySelector("main")!.TextContent.Replace("nobody", "alice"),
            unknownUser.QuerySelector("main")!.TextContent.Replace("nobody", "alice"));
    }

    [Fact]
    public async Task A_disabled_account_is_told_so_only_after_the_right_password()
    {
        await _app.CreateUserAsync("dora", Roles.Employee, "dora-password", status: AccountStatus.Disabled);
        using var browser = _app.CreateBrowser();
        var wrong = await HttpBrowser.ParseAsync(await browser.SignInAsync("dora", "bad-password"));
        Assert.Equal("The user name, email or password is not correct.", wrong.Summary());
        var right = await browser.SignInAsync("dora", "dora-password");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is disabled", (await HttpBrowser.ParseAsync(right)).Summary());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        using var browser = _app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync("alice", "wrong-password");
        }
        var locked = await HttpBrowser.ParseAsync(await browser.SignInAsync("alice", "alice-password"));
        Assert.Contains("paused for 15 minutes", locked.Summary());

        // Identity times lockouts by the system clock: check the lockout is 15 minutes, then let it run out.
        var lockoutEnd = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "alice").Select(u => u.LockoutEnd).SingleAsync());
        Assert.InRange(lockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "alice")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("alice", "alice-password")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_is_paused_after_as_many_tries_so_the_lockout_tells_nothing()
    {
        using var browser = _app.CreateBrowser();
        string? wrongAnswer = null;
        for (var i = 0; i < 5; i++)
        {
            wrongAnswer = (await HttpBrowser.ParseAsync(await browser.SignInAsync("nobody-here", "wrong-password"))).Summary();
        }
        Assert.Equal((await HttpBrowser.ParseAsync(await _app.CreateBrowser().SignInAsync("alice", "wrong-password"))).Summary(), wrongAnswer);

        var paused = await HttpBrowser.ParseAsync(await browser.SignInAsync("NOBODY-HERE", "any-password"));
        Assert.Contains("paused for 15 minutes", paused.Summary());

        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(wrongAnswer, (await HttpBrowser.ParseAsync(await browser.SignInAsync("nobody-here", "any-password"))).Summary());
    }

    [Fact]
    public async Task Too_many_attempts_from_one_address_get_429()
    {
        using var browser = _app.CreateBrowser("192.0.2.7");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 21; i++)
        {
            last = await browser.SignInAsync($"nobody{i}", "wrong-password");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null || last.Headers.Contains("Retry-After"));
        Assert.Contains("Too many requests", await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_is_a_post_that_ends_the_session()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var home = await browser.GetPageAsync("/");
        var signOut = await browser.SubmitAsync(HttpBrowser.FindForm(home, "form[action='/Identity/Account/Logout']"));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var login = await browser.FollowAsync(signOut);
        Assert.Contains("You have been signed out.", login.StatusMessage());
        var after = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Visiting_the_sign_out_address_does_not_sign_out()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        await browser.GetAsync("/Identity/Account/Logout"); // a link or an image on another site could do this
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.Client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "alice",
            ["Input.Password"] = "alice-password",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
