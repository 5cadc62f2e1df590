using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;
using static AdminPortal.Tests.TwoFactor.TwoFactorTestHelpers;

namespace AdminPortal.Tests.TwoFactor;

/// <summary>The authenticator app and recovery codes (issue 15), through HTTP with real antiforgery tokens.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    private const string Password = "bob-password";
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("bob", Roles.Employee, Password);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_set_up_page_shows_an_inline_svg_qr_code_and_the_key_in_groups_of_four()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);
        var page = await browser.GetPageAsync(SetupPage);

        var svg = page.QuerySelector("main .qr-code svg");
        Assert.NotNull(svg);
        Assert.Null(page.QuerySelector("main .qr-code [style]")); // the CSP allows no inline style
        var grouped = page.QuerySelector("#authenticator-key")!.TextContent;
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", grouped);
        // Reached from the settings navigation and the user menu.
        var settings = await browser.GetPageAsync(SettingsPage);
        Assert.NotNull(settings.QuerySelector($"nav a[href='{SettingsPage}'][aria-current=page]"));
        Assert.NotNull(settings.QuerySelector($"#user-menu + .dropdown-menu a[href='{SettingsPage}']"));
        Assert.NotNull(settings.QuerySelector("#authenticator-off"));
    }

    [Fact]
    public async Task An_authenticator_code_already_accepted_is_refused_the_second_time()
    {
        Enrolment enrolment;
        using (var setup = await _app.SignedInBrowserAsync("bob", Password))
        {
            enrolment = await _app.EnrolAsync(setup);
        }
        using var first = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);

        using var second = _app.CreateBrowser();
        var step = await second.SignInAsync("bob", Password);
        var replay = await second.SubmitFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Input.Code"] = _app.CodeFor(enrolment.Key),
        });

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains(await _app.AuditEntriesAsync(AuditActions.SignInFailure), e => e.Reason == AuditReasons.AuthenticatorCodeReused);
    }

    [Fact]
    public async Task Enrolment_refuses_a_wrong_code()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);
        var page = await browser.GetPageAsync(SetupPage);
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");

        var response = await browser.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = _app.WrongCodeFor(key) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var again = await HttpBrowser.ParseAsync(response);
        Assert.Contains("not correct", again.FieldError("Input.Code"));
        // The same key stays on the page, so the next code from the app still fits.
        Assert.Equal(key, again.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", ""));
        Assert.False(await TwoFactorEnabledAsync("bob"));
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.TwoFactorEnable));
        Assert.False(entry.Succeeded);
        Assert.Equal(AuditReasons.WrongSecondFactorCode, entry.Reason);
    }

    [Fact]
    public async Task Enrolment_with_the_right_code_shows_ten_recovery_codes_once_and_stores_them_hashed()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);

        var enrolment = await _app.EnrolAsync(browser);

        Assert.Equal(10, enrolment.RecoveryCodes.Distinct().Count());
        Assert.True(await TwoFactorEnabledAsync("bob"));
        var stored = await _app.WithDbAsync(db => db.UserTokens.AsNoTracking()
            .Where(t => t.Name == "RecoveryCodes" && db.Users.Any(u => u.Id == t.UserId && u.UserName == "bob")).Select(t => t.Value).SingleAsync());
        Assert.All(enrolment.RecoveryCodes, code => Assert.DoesNotContain(code, stored!));
        // Shown once: the page is empty the second time.
        var second = await browser.GetAsync(CodesPage);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.TwoFactorEnable));
        Assert.True(entry.Succeeded);
        Assert.DoesNotContain(enrolment.Key, entry.Changes ?? "");
        var settings = await browser.GetPageAsync(SettingsPage);
        Assert.Equal("10", settings.QuerySelector("#recovery-codes-left")!.TextContent);
    }

    [Fact]
    public async Task The_recovery_codes_page_offers_them_as_a_text_file()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);
        var page = await browser.GetPageAsync(SetupPage);
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
        var codesPage = await browser.FollowAsync(await browser.SubmitAsync(HttpBrowser.FindForm(page),
            new Dictionary<string, string> { ["Input.Code"] = _app.CodeFor(key) }));

        var download = codesPage.QuerySelector("#download-recovery-codes")!;
        Assert.Equal("adminportal-recovery-codes.txt", download.GetAttribute("download"));
        var text = Uri.UnescapeDataString(download.GetAttribute("href")!["data:text/plain;charset=utf-8,".Length..]);
        Assert.All(codesPage.QuerySelectorAll("#recovery-codes code"), code => Assert.Contains(code.TextContent, text));
    }

    [Fact]
    public async Task Sign_in_with_the_password_alone_is_refused_for_an_enrolled_account()
    {
        var enrolment = await EnrolBobAsync();
        using var browser = _app.CreateBrowser();

        var response = await browser.SignInAsync("bob", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(CodeStepPage, response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(SessionCookieName + "=", StringComparison.Ordinal)));
        await AssertSentToSignInAsync(browser.Client);
        await AssertSentToSignInAsync(browser.Client, SettingsPage);
        Assert.Single(await _app.SessionsOfAsync("bob")); // only the enrolling one
        Assert.NotEmpty(await _app.AuditEntriesAsync(AuditActions.SignInPasswordAccepted));
        _ = enrolment;
    }

    [Fact]
    public async Task A_right_code_from_the_app_signs_in()
    {
        var enrolment = await EnrolBobAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(3)); // the app shows a later code by now

        using var browser = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);

        await AssertSignedInAsync(browser.Client);
        var entry = (await _app.AuditEntriesAsync(AuditActions.SignInSuccess))[^1];
        Assert.Equal(AuditReasons.AuthenticatorCode, entry.Reason);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_at_the_field_and_audited()
    {
        var enrolment = await EnrolBobAsync();
        using var browser = _app.CreateBrowser();
        var step = await browser.SignInAsync("bob", Password);

        var response = await browser.SubmitFormAsync(step.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Input.Code"] = _app.WrongCodeFor(enrolment.Key) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("That code is not correct.", (await HttpBrowser.ParseAsync(response)).FieldError("Input.Code"));
        await AssertSentToSignInAsync(browser.Client);
        var entry = (await _app.AuditEntriesAsync(AuditActions.SignInFailure))[^1];
        Assert.Equal(AuditReasons.WrongSecondFactorCode, entry.Reason);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task Wrong_codes_count_toward_the_temporary_lockout()
    {
        var enrolment = await EnrolBobAsync();
        using var browser = _app.CreateBrowser();
        var step = (await browser.SignInAsync("bob", Password)).Headers.Location!.OriginalString;
        for (var i = 0; i < 5; i++)
        {
            await browser.SubmitFormAsync(step, new Dictionary<string, string> { ["Input.Code"] = _app.WrongCodeFor(enrolment.Key) });
        }

        var right = await browser.SubmitFormAsync(step, new Dictionary<string, string> { ["Input.Code"] = _app.CodeFor(enrolment.Key) });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("paused for 15 minutes", (await HttpBrowser.ParseAsync(right)).Summary());
        // A recovery code does not get past the lockout either.
        var recovery = await browser.SubmitFormAsync(RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = enrolment.RecoveryCodes[0] });
        Assert.Contains("paused for 15 minutes", (await HttpBrowser.ParseAsync(recovery)).Summary());
        await AssertSentToSignInAsync(browser.Client);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var enrolment = await EnrolBobAsync();
        using var first = _app.CreateBrowser();
        var step = await first.SignInAsync("bob", Password);
        var stepPage = await first.GetPageAsync(step.Headers.Location!.OriginalString);
        var link = stepPage.QuerySelector("#use-recovery-code")!.GetAttribute("href")!;

        var used = await first.SubmitFormAsync(link, new Dictionary<string, string> { ["Input.Code"] = enrolment.RecoveryCodes[3] });

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        await AssertSignedInAsync(first.Client);
        Assert.Equal(AuditReasons.RecoveryCode, (await _app.AuditEntriesAsync(AuditActions.SignInSuccess))[^1].Reason);

        using var second = _app.CreateBrowser();
        await second.SignInAsync("bob", Password);
        var again = await second.SubmitFormAsync(RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = enrolment.RecoveryCodes[3] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await AssertSentToSignInAsync(second.Client);
        // Another one still works, typed in lower case with spaces around.
        var other = await second.SubmitFormAsync(RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = $"  {enrolment.RecoveryCodes[4].ToLowerInvariant()} " });
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        var settings = await second.GetPageAsync(SettingsPage);
        Assert.Equal("8", settings.QuerySelector("#recovery-codes-left")!.TextContent);
    }

    [Fact]
    public async Task The_two_factor_step_without_a_password_first_goes_back_to_sign_in()
    {
        await EnrolBobAsync();
        using var browser = _app.CreateBrowser();
        var home = await browser.GetPageAsync("/Identity/Account/Login");
        _ = home;
        var page = await browser.GetPageAsync(CodeStepPage);
        var response = await browser.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = "123456" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_remembered_browser_skips_the_code_until_the_security_stamp_changes()
    {
        var enrolment = await EnrolBobAsync();
        using var browser = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key, rememberBrowser: true);
        await browser.SubmitFormAsync("/Identity/Account/Logout");

        var again = await browser.SignInAsync("bob", Password);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
        Assert.Equal(AuditReasons.RememberedBrowser, (await _app.AuditEntriesAsync(AuditActions.SignInSuccess))[^1].Reason);

        // New recovery codes give the account a new stamp: every remembered browser is asked again.
        await browser.SubmitFormAsync(NewCodesPage, new Dictionary<string, string> { ["Input.CurrentPassword"] = Password });
        await browser.SubmitFormAsync("/Identity/Account/Logout");
        var afterRenewal = await browser.SignInAsync("bob", Password);
        Assert.StartsWith(CodeStepPage, afterRenewal.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Turning_it_off_asks_for_the_password_ends_other_sessions_and_is_audited()
    {
        var enrolment = await EnrolBobAsync();
        using var here = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);
        using var elsewhere = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);

        var refused = await here.SubmitFormAsync(DisablePage, new Dictionary<string, string> { ["Input.CurrentPassword"] = "not-the-password" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not correct", (await HttpBrowser.ParseAsync(refused)).FieldError("Input.CurrentPassword"));
        Assert.True(await TwoFactorEnabledAsync("bob"));
        await AssertSignedInAsync(elsewhere.Client);

        var done = await here.SubmitFormAsync(DisablePage, new Dictionary<string, string> { ["Input.CurrentPassword"] = Password });

        Assert.Equal(SettingsPage, done.Headers.Location!.OriginalString);
        Assert.False(await TwoFactorEnabledAsync("bob"));
        await AssertSignedInAsync(here.Client);
        await AssertSentToSignInAsync(elsewhere.Client);
        var entries = await _app.AuditEntriesAsync(AuditActions.TwoFactorDisable);
        Assert.Equal([false, true], entries.Select(e => e.Succeeded));
        Assert.Equal(AuditReasons.WrongCurrentPassword, entries[0].Reason);
        // The password alone signs in again; the key and the codes are gone.
        using var later = _app.CreateBrowser();
        Assert.Equal("/", (await later.SignInAsync("bob", Password)).Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.WithDbAsync(db => db.UserTokens.CountAsync(t => db.Users.Any(u => u.Id == t.UserId && u.UserName == "bob"))));
    }

    [Fact]
    public async Task Replacing_the_key_asks_for_the_password_ends_other_sessions_and_the_old_key_stops_working()
    {
        var enrolment = await EnrolBobAsync();
        using var here = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);
        using var elsewhere = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);
        var page = await here.GetPageAsync(SetupPage);
        var newKey = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");

        var withoutPassword = await here.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = _app.CodeFor(newKey) });
        Assert.Equal(HttpStatusCode.OK, withoutPassword.StatusCode);
        var done = await here.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string>
        {
            ["Input.Code"] = _app.CodeFor(newKey),
            ["Input.CurrentPassword"] = Password,
        });

        Assert.Equal(SettingsPage, done.Headers.Location!.OriginalString);
        await AssertSignedInAsync(here.Client);
        await AssertSentToSignInAsync(elsewhere.Client);
        Assert.True((await _app.AuditEntriesAsync(AuditActions.AuthenticatorReset)).Single().Succeeded);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var withOldKey = _app.CreateBrowser();
        var step = await withOldKey.SignInAsync("bob", Password);
        var old = await withOldKey.SubmitFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = _app.CodeFor(enrolment.Key) });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        using var withNewKey = await _app.SignedInWithCodeAsync("bob", Password, newKey);
    }

    [Fact]
    public async Task New_recovery_codes_ask_for_the_password_end_other_sessions_and_replace_the_old_ones()
    {
        var enrolment = await EnrolBobAsync();
        using var here = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);
        using var elsewhere = await _app.SignedInWithCodeAsync("bob", Password, enrolment.Key);

        var refused = await here.SubmitFormAsync(NewCodesPage, new Dictionary<string, string> { ["Input.CurrentPassword"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var done = await here.SubmitFormAsync(NewCodesPage, new Dictionary<string, string> { ["Input.CurrentPassword"] = Password });

        Assert.Equal(CodesPage, done.Headers.Location!.OriginalString);
        var fresh = (await here.FollowAsync(done)).QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enrolment.RecoveryCodes));
        await AssertSignedInAsync(here.Client);
        await AssertSentToSignInAsync(elsewhere.Client);
        Assert.Equal([false, true], (await _app.AuditEntriesAsync(AuditActions.RecoveryCodesRenew)).Select(e => e.Succeeded));
        using var withOldCode = _app.CreateBrowser();
        await withOldCode.SignInAsync("bob", Password);
        Assert.Equal(HttpStatusCode.OK, (await withOldCode.SubmitFormAsync(RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = enrolment.RecoveryCodes[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await withOldCode.SubmitFormAsync(RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = fresh[0] })).StatusCode);
    }

    private async Task<Enrolment> EnrolBobAsync()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", Password);
        return await _app.EnrolAsync(browser);
    }

    private Task<bool> TwoFactorEnabledAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.TwoFactorEnabled).SingleAsync());
}
