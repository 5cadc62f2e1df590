using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.TwoFactor;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The test clients keep cookies by the app's clock (<see cref="AppClockCookieHandler"/>). Here the app's calendar is
/// 60 days behind the machine's, as the suite's fixed date (24 November 2026) is from late January 2027 on: the
/// 30-day "remember this browser" cookie must still be kept, and a cookie the app deletes must still go.
/// </summary>
public sealed class AppClockCookieTests : IAsyncLifetime
{
    private const string Password = "bob-password";
    private readonly AppFactory _app = new AppFactory().StartingAt(DateTimeOffset.UtcNow.AddDays(-60));

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("bob", Roles.Employee, Password);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_remembered_browser_is_remembered_though_the_machines_calendar_is_past_the_cookies_date()
    {
        TwoFactorTestHelpers.Enrolment enrolment;
        using (var setup = await _app.SignedInBrowserAsync("bob", Password))
        {
            enrolment = await _app.EnrolAsync(setup);
        }
        using var browser = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key, rememberBrowser: true);
        await browser.SubmitFormAsync("/Identity/Account/Logout");

        var again = await browser.SignInAsync("bob", Password);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_cookie_the_app_deletes_is_gone_from_the_client()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);
        await AssertSignedInAsync(browser.Client);
        Assert.Contains(browser.Cookies!.GetCookies(browser.Client.BaseAddress!), c => c.Name == SessionCookieName);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/Identity/Account/Logout")).StatusCode);
        Assert.DoesNotContain(browser.Cookies!.GetCookies(browser.Client.BaseAddress!), c => c.Name == SessionCookieName);
        await AssertSentToSignInAsync(browser.Client);
    }
}
