using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Accounts;

public sealed class AccountEmailTests : IAsyncLifetime
{
    private const string EmailPage = "/Identity/Account/Manage/Email";
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password", email: "alice@example.com");
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password", email: "Bob@Example.com");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Dictionary<string, string> NewEmail(string value) => new() { ["Input.NewEmail"] = value };

    [Fact]
    public async Task Changing_your_email_stores_it_audits_it_and_keeps_your_sessions()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        using var otherSession = await _app.SignedInBrowserAsync("alice", "alice-password");
        var stampBefore = await SecurityStampAsync("alice");

        var response = await browser.SubmitFormAsync(EmailPage, NewEmail("  alice.new@example.com "));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.FollowAsync(response);
        Assert.Equal("Your email has been changed.", page.StatusMessage());
        Assert.Equal("alice.new@example.com", page.QuerySelector("#current-email")!.TextContent.Trim());

        var alice = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "alice"));
        Assert.Equal("alice.new@example.com", alice.Email);
        Assert.Equal("ALICE.NEW@EXAMPLE.COM", alice.NormalizedEmail);
        Assert.Equal(stampBefore, alice.SecurityStamp);
        await otherSession.GetPageAsync("/");

        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AccountEmailChange));
        Assert.True(entry.Succeeded);
        Assert.Equal(alice.Id, entry.ActorId);
        Assert.Equal(alice.Id, entry.TargetId);
        Assert.Contains("alice@example.com", entry.Changes);
        Assert.Contains("alice.new@example.com", entry.Changes);
        Assert.False(await _app.WithDbAsync(db => db.Notifications.AnyAsync()));

        using var fresh = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync("alice.new@example.com", "alice-password")).StatusCode);
    }

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("not-an-address", "Enter a valid email address.")]
    public async Task Bad_input_gets_a_field_error_and_keeps_what_was_typed(string value, string error)
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.SubmitFormAsync(EmailPage, NewEmail(value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal(error, page.FieldError("Input.NewEmail"));
        Assert.Equal(value, page.FieldValue("Input.NewEmail"));
        Assert.Equal("alice@example.com", await EmailOfAsync("alice"));
    }

    [Fact]
    public async Task An_email_over_100_characters_is_refused_not_cut()
    {
        var tooLong = new string('a', 89) + "@example.com"; // 101 characters
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var page = await HttpBrowser.ParseAsync(await browser.SubmitFormAsync(EmailPage, NewEmail(tooLong)));
        Assert.Equal("The email must be at most 100 characters.", page.FieldError("Input.NewEmail"));
        Assert.Equal(tooLong, page.FieldValue("Input.NewEmail"));
        Assert.Equal("alice@example.com", await EmailOfAsync("alice"));
    }

    [Fact]
    public async Task An_email_of_another_account_is_refused_ignoring_case()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.SubmitFormAsync(EmailPage, NewEmail("bob@EXAMPLE.com"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("This email is already used by another account.", page.FieldError("Input.NewEmail"));
        Assert.Equal("bob@EXAMPLE.com", page.FieldValue("Input.NewEmail"));
        Assert.Equal("alice@example.com", await EmailOfAsync("alice"));
        var refused = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AccountEmailChange));
        Assert.False(refused.Succeeded);
    }

    [Fact]
    public async Task A_lost_race_for_an_email_gives_the_same_field_error()
    {
        // Another request takes the address between the uniqueness check and the write: without Identity's
        // check, only the unique index on NormalizedEmail stands in the way.
        var aliceId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "alice").Select(u => u.Id).SingleAsync());
        EmailChangeResult result = null!;
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var uniquenessChecks = users.UserValidators.OfType<UserValidator<AppUser>>().ToList();
            Assert.NotEmpty(uniquenessChecks);
            foreach (var check in uniquenessChecks)
            {
                users.UserValidators.Remove(check);
            }
            result = await services.GetRequiredService<AccountEmailService>().ChangeEmailAsync(aliceId, "BOB@example.com");
        });
        Assert.Equal(EmailChangeOutcome.Refused, result.Outcome);
        Assert.Equal("This email is already used by another account.", result.Error);
        Assert.Equal("alice@example.com", await EmailOfAsync("alice"));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Succeeded)));
    }

    [Fact]
    public async Task The_same_email_again_writes_nothing()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var page = await browser.FollowAsync(await browser.SubmitFormAsync(EmailPage, NewEmail("alice@example.com")));
        Assert.Equal("No changes to apply.", page.StatusMessage());
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountEmailChange)));
    }

    [Fact]
    public async Task The_principal_changes_its_own_email()
    {
        using var browser = await _app.SignedInAsRootAsync();
        var response = await browser.SubmitFormAsync(EmailPage, NewEmail("root@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("root@example.org", await EmailOfAsync("root"));
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.Client.PostAsync(EmailPage, new FormUrlEncodedContent(NewEmail("x@example.com")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("alice@example.com", await EmailOfAsync("alice"));
    }

    [Fact]
    public async Task The_settings_overview_and_the_user_menu_lead_to_every_setting()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var overview = await browser.GetPageAsync("/Identity/Account/Manage");
        Assert.Contains("alice@example.com", overview.QuerySelector("main")!.TextContent);
        Assert.Contains("System", overview.QuerySelector("main dl")!.TextContent);
        var settingsNav = overview.QuerySelectorAll("main nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/Identity/Account/Manage", "/Identity/Account/Manage/ChangePassword", EmailPage, "/Identity/Account/Manage/Theme",
            "/Identity/Account/Manage/Language", "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Manage/Passkeys", "/Identity/Account/Manage/Sessions"], settingsNav);
        Assert.Equal("page", overview.QuerySelector("main nav a[href='/Identity/Account/Manage']")!.GetAttribute("aria-current"));

        var menu = overview.QuerySelectorAll(".dropdown-menu a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Identity/Account/Manage", menu);
        Assert.Contains("/Identity/Account/Manage/ChangePassword", menu);
        Assert.Contains(EmailPage, menu);
        Assert.Contains("/Identity/Account/Manage/Theme", menu);
        Assert.Contains("/Identity/Account/Manage/Language", menu);
        Assert.Contains("/Identity/Account/Manage/Sessions", menu);

        foreach (var link in settingsNav)
        {
            await browser.GetPageAsync(link!);
        }
    }

    private Task<string?> EmailOfAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Email).SingleAsync());

    private Task<string?> SecurityStampAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.SecurityStamp).SingleAsync());
}
