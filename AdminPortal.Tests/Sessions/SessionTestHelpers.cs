using System.Net;
using AdminPortal.Sessions;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Sessions;

public static class SessionTestHelpers
{
    public const string SessionCookieName = "AdminPortal.Session";

    /// <summary>The account's session rows, oldest sign-in first.</summary>
    public static Task<List<UserSession>> SessionsOfAsync(this AppFactory app, string userName) =>
        app.WithDbAsync(db => db.UserSessions.AsNoTracking()
            .Where(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == userName))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.LastActivityAt)
            .ToListAsync());

    /// <summary>The session cookie a response set, as a Cookie header value ("AdminPortal.Session=…").</summary>
    public static string SessionCookieFrom(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), "The response set no cookie.");
        var cookie = cookies.Single(c => c.StartsWith(SessionCookieName + "=", StringComparison.Ordinal));
        return cookie.Split(';', 2)[0];
    }

    /// <summary>A client that sends exactly this Cookie header and keeps nothing: a captured cookie replayed.</summary>
    public static HttpClient ReplayClient(this AppFactory app, string cookie)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>Asserts the client is sent to sign-in when it asks for the home page.</summary>
    public static async Task AssertSentToSignInAsync(HttpClient client, string path = "/")
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    public static async Task AssertSignedInAsync(HttpClient client, string path = "/")
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Signs in from a browser with the given User-Agent and returns it with the session cookie it got.</summary>
    public static async Task<(HttpBrowser Browser, string Cookie)> SignInCapturingAsync(this AppFactory app, string login, string password,
        string? userAgent = null, bool rememberMe = false, string? clientAddress = null)
    {
        var browser = app.CreateBrowser(clientAddress);
        if (userAgent is not null)
        {
            browser.Client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }
        var response = await browser.SignInAsync(login, password, rememberMe);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (browser, SessionCookieFrom(response));
    }

}
