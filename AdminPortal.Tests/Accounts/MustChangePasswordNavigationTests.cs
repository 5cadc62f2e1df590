using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;

namespace AdminPortal.Tests.Accounts;

/// <summary>While the password must be changed, the navigation bar offers only what can be used: the theme and sign out (issue 14).</summary>
public sealed class MustChangePasswordNavigationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string[] Links(IDocument page) =>
        [.. page.QuerySelectorAll("header a[href]").Select(a => a.GetAttribute("href")!)];

    private static string[] FormActions(IDocument page) =>
        [.. page.QuerySelectorAll("header form").Select(f => f.GetAttribute("action")!).Distinct()];

    [Fact]
    public async Task While_the_password_must_change_the_bar_offers_the_theme_and_sign_out_only()
    {
        await _app.CreateUserAsync("newadmin", Roles.Admin, "newadmin-password", mustChangePassword: true);
        using var browser = await _app.SignedInBrowserAsync("newadmin", "newadmin-password");
        var page = await browser.GetPageAsync("/Identity/Account/Manage/ChangePassword");

        // The brand only (it leads back to this page); no Users, Audit log, notifications or account settings.
        Assert.Equal(["/"], Links(page));
        Assert.Equal(["/Identity/Account/Manage/Theme", "/Identity/Account/Logout"], FormActions(page));
        Assert.Equal(["Light", "Dark", "System", "Sign out"],
            page.QuerySelectorAll("header button").Select(b => b.TextContent.Trim()).ToArray());

        // Once changed, the same account's bar has everything back: the test above would see a difference.
        await _app.CreateUserAsync("oldadmin", Roles.Admin, "oldadmin-password");
        using var settled = await _app.SignedInBrowserAsync("oldadmin", "oldadmin-password");
        var home = await settled.GetPageAsync("/");
        Assert.Contains("/Users", Links(home));
        Assert.Contains("/Audit", Links(home));
        Assert.Contains("/Notifications", Links(home));
        Assert.Contains("/Identity/Account/Language", FormActions(home));
    }
}
