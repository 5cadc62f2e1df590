using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

public sealed class UserAccessTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private int _targetId;

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("vera", Roles.Vendor, "vera-password");
        await _app.CreateUserAsync("eric", Roles.Employee, "eric-password");
        _targetId = (await _app.CreateUserAsync("target", Roles.Employee)).Id;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private string[] Pages =>
    [
        "/Users", "/Users/Index?q=a", "/Users/Create", $"/Users/Details/{_targetId}", $"/Users/Details/{_targetId}?confirm=delete",
        $"/Users/Edit/{_targetId}", $"/Users/SetPassword/{_targetId}",
    ];

    private string[] Posts =>
    [
        "/Users/Create", $"/Users/Edit/{_targetId}", $"/Users/SetPassword/{_targetId}", $"/Users/Details/{_targetId}?handler=disable",
        $"/Users/Details/{_targetId}?handler=enable", $"/Users/Details/{_targetId}?handler=delete",
    ];

    [Theory]
    [InlineData("vera", "vera-password")]
    [InlineData("eric", "eric-password")]
    public async Task Vendors_and_employees_get_403_on_every_administration_page_and_post(string login, string password)
    {
        using var browser = await _app.SignedInBrowserAsync(login, password);
        foreach (var url in Pages)
        {
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.Forbidden, $"GET {url}");
        }
        // A real token of this session, so only the authorization can refuse.
        var token = (await browser.GetPageAsync("/Identity/Account/Manage/ChangePassword"))
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        foreach (var url in Posts)
        {
            var response = await HijackAsync(browser, url, token);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url}");
        }
        var target = (await _app.FindAsync("target"))!;
        Assert.Equal(AccountStatus.Active, target.Status);
        Assert.Null(await _app.FindAsync("hijack"));
    }

    /// <summary>A POST with every field any user-administration form takes, set to take the account over.</summary>
    private static Task<HttpResponseMessage> HijackAsync(HttpBrowser browser, string url, string token) =>
        browser.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "hijack",
            ["Input.Email"] = "hijack@example.com",
            ["Input.DisplayName"] = "Hijack",
            ["Input.Role"] = Roles.Admin,
            ["Input.Status"] = nameof(AccountStatus.Disabled),
            ["Input.Password"] = "hijack-password",
            ["Input.ConfirmPassword"] = "hijack-password",
        }));

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var browser = _app.CreateBrowser();
        foreach (var url in Pages)
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Anonymous_posts_are_sent_to_sign_in_and_change_nothing()
    {
        using var browser = _app.CreateBrowser();
        // A real token of this anonymous visitor, so only the missing sign-in can refuse.
        var token = (await browser.GetPageAsync("/Identity/Account/Login"))
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var before = (await _app.FindAsync("target"))!;
        var auditRows = await _app.WithDbAsync(db => db.AuditEntries.CountAsync());

        foreach (var url in Posts)
        {
            var response = await HijackAsync(browser, url, token);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
        }

        var target = (await _app.FindAsync("target"))!;
        Assert.Equal((before.UserName, before.Role, before.Status, before.PasswordHash, before.SecurityStamp),
            (target.UserName, target.Role, target.Status, target.PasswordHash, target.SecurityStamp));
        Assert.Null(await _app.FindAsync("hijack"));
        Assert.Equal(auditRows, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Administrators_reach_the_pages()
    {
        await _app.CreateUserAsync("ada", Roles.Admin, "ada-password");
        using var browser = await _app.SignedInBrowserAsync("ada", "ada-password");
        foreach (var url in Pages)
        {
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"GET {url}");
        }
    }
}
