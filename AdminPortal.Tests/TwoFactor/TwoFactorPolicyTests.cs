using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.TwoFactor;
using AngleSharp.Html.Dom;
using static AdminPortal.Tests.TwoFactor.TwoFactorTestHelpers;

namespace AdminPortal.Tests.TwoFactor;

/// <summary>AdminPortal:RequireTwoFactorFor (DESIGN.md rule 12): set up before any other page, and never turned off.</summary>
public sealed class TwoFactorPolicyTests
{
    [Fact]
    public void The_default_is_administrators_and_only_the_names_are_accepted()
    {
        var options = new TwoFactorOptions();
        Assert.Equal(TwoFactorScope.Administrators, options.Scope);
        Assert.True(options.Requires(Roles.Root));
        Assert.True(options.Requires(Roles.Admin));
        Assert.False(options.Requires(Roles.Vendor));
        Assert.False(options.Requires(Roles.Employee));
        Assert.True(TwoFactorOptions.TryParse("everyone", out var everyone) && everyone == TwoFactorScope.Everyone);
        Assert.False(TwoFactorOptions.TryParse("2", out _));
        Assert.False(TwoFactorOptions.TryParse("None,Everyone", out _));
    }

    [Fact]
    public async Task The_admin_policy_sends_an_unenrolled_admin_to_set_up_and_an_employee_not()
    {
        await using var app = new AppFactory().With(TwoFactorOptions.Key, "Administrators");
        await app.CreateUserAsync("ada", Roles.Admin, "ada-password");
        await app.CreateUserAsync("eve", Roles.Employee, "eve-password");

        using var admin = await app.SignedInBrowserAsync("ada", "ada-password");
        foreach (var path in new[] { "/", "/Users", "/Identity/Account/Manage/Sessions", SettingsPage, DisablePage })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(SetupPage, response.Headers.Location!.OriginalString);
        }
        var setup = await admin.GetPageAsync(SetupPage);
        Assert.NotNull(setup.QuerySelector("#two-factor-required"));
        Assert.Null(setup.QuerySelector("nav.settings-nav, .settings-nav")); // no way elsewhere

        using var employee = await app.SignedInBrowserAsync("eve", "eve-password");
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync("/")).StatusCode);

        // Once set up, the admin goes anywhere.
        await app.EnrolAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Users")).StatusCode);
    }

    [Fact]
    public async Task Everyone_sends_an_employee_to_set_up_and_none_sends_nobody()
    {
        await using (var app = new AppFactory().With(TwoFactorOptions.Key, "Everyone"))
        {
            await app.CreateUserAsync("eve", Roles.Employee, "eve-password");
            using var employee = await app.SignedInBrowserAsync("eve", "eve-password");
            Assert.Equal(SetupPage, (await employee.GetAsync("/")).Headers.Location!.OriginalString);
        }
        await using (var app = new AppFactory().With(TwoFactorOptions.Key, "None"))
        {
            using var root = await app.SignedInAsRootAsync();
            Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/Users")).StatusCode);
        }
    }

    [Fact]
    public async Task A_forced_password_change_comes_first_then_the_set_up()
    {
        await using var app = new AppFactory().With(TwoFactorOptions.Key, "Administrators");
        await app.CreateUserAsync("ada", Roles.Admin, "ada-password", mustChangePassword: true);
        using var admin = await app.SignedInBrowserAsync("ada", "ada-password");
        Assert.StartsWith("/Identity/Account/Manage/ChangePassword", (await admin.GetAsync(SetupPage)).Headers.Location!.OriginalString);

        var changed = await admin.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "ada-password",
            ["Input.NewPassword"] = "ada-new-password",
            ["Input.ConfirmPassword"] = "ada-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(SetupPage, (await admin.GetAsync(changed.Headers.Location!.OriginalString)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_account_in_scope_cannot_turn_its_last_factor_off()
    {
        await using var app = new AppFactory().With(TwoFactorOptions.Key, "Administrators");
        await app.CreateUserAsync("ada", Roles.Admin, "ada-password");
        using var admin = await app.SignedInBrowserAsync("ada", "ada-password");
        await app.EnrolAsync(admin);

        var settings = await admin.GetPageAsync(SettingsPage);
        Assert.Null(settings.QuerySelector("#turn-off"));
        Assert.NotNull(settings.QuerySelector("#two-factor-required"));
        Assert.Equal(SettingsPage, (await admin.GetAsync(DisablePage)).Headers.Location!.OriginalString);

        // A hand-made POST is refused by the service, and the refusal is recorded.
        var token = ((IHtmlInputElement)settings.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var response = await admin.Client.PostAsync(DisablePage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = "ada-password",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Error: your account must keep a second factor.", (await admin.GetPageAsync(SettingsPage)).StatusMessage().Replace("×", "").Trim());
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "ada").TwoFactorEnabled)));
        var entry = Assert.Single(await app.AuditEntriesAsync(AuditActions.TwoFactorDisable));
        Assert.False(entry.Succeeded);
        Assert.Equal(AuditReasons.LastSecondFactor, entry.Reason);
    }
}
