using System.Buffers.Text;
using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.TwoFactor;

/// <summary>
/// The passkey rules that need no browser (issue 15): the passkeys are stored as Identity stores them after a ceremony,
/// and renamed, removed and reset through HTTP with real antiforgery tokens. Adding and signing in run in the browser test.
/// </summary>
public sealed class PasskeyTests : IAsyncLifetime
{
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";
    private const string Password = "carol-password";
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("carol", Roles.Employee, Password);
        await _app.CreateUserAsync("dave", Roles.Employee, "dave-password");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_passkeys_page_lists_them_with_their_dates_and_hides_adding_without_javascript()
    {
        // Signed in first: with a passkey, carol's password alone no longer signs in.
        using var browser = await _app.SignedInBrowserAsync("carol", Password);
        var id = await AddPasskeyAsync("carol", "Work laptop");

        var page = await browser.GetPageAsync(PasskeysPage);

        var row = page.QuerySelector($"#passkeys [data-passkey-id='{id}']")!;
        Assert.Equal("Work laptop", row.QuerySelector(".passkey-name")!.TextContent);
        Assert.NotNull(row.QuerySelector("time"));
        Assert.True(page.QuerySelector("#add-passkey")!.HasAttribute("hidden"));
        Assert.NotNull(page.QuerySelector("script[src*=passkey][nonce]"));
    }

    [Fact]
    public async Task Renaming_checks_the_name_and_is_audited()
    {
        // Signed in first: with a passkey, carol's password alone no longer signs in.
        using var browser = await _app.SignedInBrowserAsync("carol", Password);
        var id = await AddPasskeyAsync("carol", "Work laptop");
        var path = $"/Identity/Account/Manage/RenamePasskey?id={id}";

        var blank = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Name"] = "  " });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        var tooLong = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Name"] = new string('x', 51) });
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var control = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Name"] = "Evil\u202Ename" });
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Contains("plain text", (await HttpBrowser.ParseAsync(control)).FieldError("Input.Name"));

        var renamed = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.Name"] = "Home desktop" });

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal(["Home desktop"], await NamesAsync("carol"));
        var entries = await _app.AuditEntriesAsync(AuditActions.PasskeyRename);
        Assert.Contains(entries, e => e.Succeeded && e.Changes!.Contains("Home desktop") && e.Changes.Contains("Work laptop"));
        Assert.Contains(entries, e => !e.Succeeded && e.Reason == AuditReasons.InvalidInput);
    }

    [Fact]
    public async Task Another_accounts_passkey_is_not_found_by_its_id()
    {
        var davesId = await AddPasskeyAsync("dave", "Dave's key");
        using var browser = await _app.SignedInBrowserAsync("carol", Password);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Identity/Account/Manage/RenamePasskey?id={davesId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Identity/Account/Manage/RemovePasskey?id={davesId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Identity/Account/Manage/RemovePasskey?id=%%%")).StatusCode);
        Assert.Equal(["Dave's key"], await NamesAsync("dave"));
    }

    [Fact]
    public async Task Removing_asks_for_the_password_ends_other_sessions_and_is_audited()
    {
        using var other = await _app.SignedInBrowserAsync("carol", Password);
        using var browser = await _app.SignedInBrowserAsync("carol", Password);
        var id = await AddPasskeyAsync("carol", "Old phone");
        var path = $"/Identity/Account/Manage/RemovePasskey?id={id}";

        var wrong = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.CurrentPassword"] = "not-it-at-all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Single(await NamesAsync("carol"));

        var removed = await browser.SubmitFormAsync(path, new Dictionary<string, string> { ["Input.CurrentPassword"] = Password });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await NamesAsync("carol"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(PasskeysPage)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync(PasskeysPage)).StatusCode);
        var entries = await _app.AuditEntriesAsync(AuditActions.PasskeyRemove);
        Assert.Contains(entries, e => e.Succeeded && e.Changes!.Contains("Old phone"));
        Assert.Contains(entries, e => !e.Succeeded && e.Reason == AuditReasons.WrongCurrentPassword);
    }

    [Fact]
    public async Task An_admins_last_passkey_cannot_be_removed_and_counts_as_its_second_factor()
    {
        await using var app = new AppFactory().With(AdminPortal.TwoFactor.TwoFactorOptions.Key, "Administrators");
        await app.CreateUserAsync("erin", Roles.Admin, "erin-password");
        using var erin = await app.SignedInBrowserAsync("erin", "erin-password");
        var id = await AddPasskeyAsync(app, "erin", "Only key");

        // With its passkey, the set-up is no longer asked; its last one cannot be removed.
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync("/")).StatusCode);
        var removal = await erin.SubmitFormAsync($"/Identity/Account/Manage/RemovePasskey?id={id}",
            new Dictionary<string, string> { ["Input.CurrentPassword"] = "erin-password" });
        Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        Assert.Contains(await app.AuditEntriesAsync(AuditActions.PasskeyRemove), e => !e.Succeeded && e.Reason == AuditReasons.LastSecondFactor);
        Assert.Single(await NamesAsync(app, "erin"));

        // Passkeys are erin's only second factor: the password alone does not sign in.
        using var browser = app.CreateBrowser();
        var passwordOnly = await browser.SignInAsync("erin", "erin-password");
        Assert.Equal(HttpStatusCode.OK, passwordOnly.StatusCode);
        Assert.Contains(await app.AuditEntriesAsync(AuditActions.SignInFailure), e => e.Reason == AuditReasons.PasskeyRequired);
    }

    [Fact]
    public async Task The_admin_reset_removes_the_passkeys()
    {
        await AddPasskeyAsync("dave", "Dave's key");
        using var root = await _app.SignedInAsRootAsync();
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "dave").Select(u => u.Id).SingleAsync());
        Assert.NotNull((await root.GetPageAsync("/Users?twofactor=yes")).QuerySelector($"a[href='/Users/Details/{id}']"));
        Assert.Null((await root.GetPageAsync("/Users?twofactor=no")).QuerySelector($"a[href='/Users/Details/{id}']"));
        var details = await root.GetPageAsync($"/Users/Details/{id}");
        Assert.Equal("1 passkey", details.QuerySelector("#second-factor")!.TextContent);

        var confirm = await root.GetPageAsync(details.QuerySelector("#reset-second-factors")!.GetAttribute("href")!);
        var response = await root.SubmitAsync(HttpBrowser.FindForm(confirm, "#confirm form"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await NamesAsync("dave"));
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserTwoFactorReset));
        Assert.Contains("Passkeys", entry.Changes!);
    }

    /// <summary>A passkey stored as Identity stores one after a successful ceremony; its id as the pages use it.</summary>
    private Task<string> AddPasskeyAsync(string userName, string name) => AddPasskeyAsync(_app, userName, name);

    internal static async Task<string> AddPasskeyAsync(AppFactory app, string userName, string name)
    {
        var credentialId = Guid.NewGuid().ToByteArray();
        await app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            var passkey = new UserPasskeyInfo(credentialId, [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [4], [5]) { Name = name };
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        });
        return Base64Url.EncodeToString(credentialId);
    }

    private Task<List<string>> NamesAsync(string userName) => NamesAsync(_app, userName);

    private static Task<List<string>> NamesAsync(AppFactory app, string userName) =>
        app.WithDbAsync(async db => (await db.UserPasskeys.AsNoTracking()
            .Where(p => db.Users.Any(u => u.Id == p.UserId && u.UserName == userName)).ToListAsync())
            .Select(p => p.Data.Name ?? "").ToList());
}
