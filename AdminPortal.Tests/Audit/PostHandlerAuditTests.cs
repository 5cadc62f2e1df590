using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Tests.PasswordReset;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;
using AdminPortal.Tests.TwoFactor;

namespace AdminPortal.Tests.Audit;

/// <summary>
/// Every POST handler of the app has a scenario here that drives it through HTTP (real antiforgery tokens) and
/// expects its audit record. The coverage test discovers the handlers from the endpoint data source, so a new
/// POST handler without a scenario fails the build's tests until someone writes down what it records.
/// </summary>
public sealed class PostHandlerAuditTests : IAsyncLifetime
{
    private const string AlicePassword = "alice-password";
    private const string PasskeysPage = "/Identity/Account/Manage/Passkeys";

    /// <summary>
    /// One way through one POST handler, named "{area}{page} {handler}" (or a non-page endpoint's route), and the
    /// record it must leave; a null action means the handler changes nothing and must write nothing.
    /// </summary>
    public sealed record Scenario(string Handler, string? ExpectedAction, bool Succeeds, Func<AppFactory, Task<HttpResponseMessage>> Act);

    public static readonly IReadOnlyList<Scenario> Scenarios =
    [
        new("/Identity/Account/Login (default)", AuditActions.SignInSuccess, true,
            async app => await app.CreateBrowser().SignInAsync("alice", AlicePassword)),
        new("/Identity/Account/Login (default)", AuditActions.SignInFailure, false,
            async app => await app.CreateBrowser().SignInAsync("alice", "wrong-password")),
        new("/Identity/Account/Logout (default)", AuditActions.SignOut, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Identity/Account/Logout");
        }),
        new("/Identity/Account/Manage/ChangePassword (default)", AuditActions.AccountPasswordChange, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = AlicePassword,
                ["Input.NewPassword"] = "another-password",
                ["Input.ConfirmPassword"] = "another-password",
            });
        }),
        new("/Identity/Account/Manage/ChangePassword (default)", AuditActions.AccountPasswordChange, false, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = "not-the-password",
                ["Input.NewPassword"] = "another-password",
                ["Input.ConfirmPassword"] = "another-password",
            });
        }),
        new("/Notifications/Index MarkRead", AuditActions.NotificationRead, true, async app =>
        {
            await NotifyAliceAsync(app);
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Notifications", formSelector: "form.mark-read");
        }),
        new("/Notifications/Index MarkAllRead", AuditActions.NotificationReadAll, true, async app =>
        {
            await NotifyAliceAsync(app);
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Notifications", formSelector: "#mark-all-read");
        }),
        new("/Users/Create (default)", AuditActions.UserCreate, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync("/Users/Create", new Dictionary<string, string>
            {
                ["Input.UserName"] = "carol",
                ["Input.Email"] = "carol@example.com",
                ["Input.DisplayName"] = "Carol",
                ["Input.Role"] = Roles.Vendor,
                ["Input.Method"] = "Password",
                ["Input.Password"] = "carol-password",
                ["Input.ConfirmPassword"] = "carol-password",
            })),
        new("/Users/Edit (default)", AuditActions.UserUpdate, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Edit/{await IdOfAsync(app, "bob")}",
                new Dictionary<string, string> { ["Input.DisplayName"] = "Robert" })),
        new("/Users/Edit (default)", AuditActions.UserUpdate, false, async app =>
        {
            // A hand-made edit of the principal: refused, and the refusal recorded.
            var browser = await app.SignedInAsRootAsync();
            var page = await browser.GetPageAsync($"/Users/Edit/{await IdOfAsync(app, "bob")}");
            var form = HttpBrowser.FindForm(page);
            form.Action = $"/Users/Edit/{await IdOfAsync(app, "root")}";
            return await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.DisplayName"] = "Taken over" });
        }),
        new("/Users/Details Disable", AuditActions.UserDisable, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "bob")}?confirm=disable", formSelector: "#confirm form")),
        new("/Users/Details Enable", AuditActions.UserEnable, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "dora")}?confirm=enable", formSelector: "#confirm form")),
        new("/Users/Details Delete", AuditActions.UserDelete, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "bob")}?confirm=delete", formSelector: "#confirm form")),
        new("/Users/Details Delete", AuditActions.UserDelete, false, async app =>
        {
            var browser = await app.SignedInAsRootAsync();
            var page = await browser.GetPageAsync($"/Users/Details/{await IdOfAsync(app, "bob")}?confirm=delete");
            var form = HttpBrowser.FindForm(page, "#confirm form");
            form.Action = $"/Users/Details/{await IdOfAsync(app, "root")}?handler=delete";
            return await browser.SubmitAsync(form);
        }),
        new("/Users/SetPassword (default)", AuditActions.UserPasswordSet, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/SetPassword/{await IdOfAsync(app, "bob")}",
                new Dictionary<string, string> { ["Input.Password"] = "new-bob-password", ["Input.ConfirmPassword"] = "new-bob-password" })),
        new("/Identity/Account/Manage/Email (default)", AuditActions.AccountEmailChange, true, async app =>
            await (await app.SignedInBrowserAsync("alice", AlicePassword)).SubmitFormAsync("/Identity/Account/Manage/Email",
                new Dictionary<string, string> { ["Input.NewEmail"] = "alice.new@example.com" })),
        new("/Identity/Account/Manage/Theme (default)", AuditActions.AccountThemeChange, true, async app =>
            await (await app.SignedInBrowserAsync("alice", AlicePassword)).SubmitFormAsync("/Identity/Account/Manage/Theme",
                new Dictionary<string, string> { ["theme"] = "Dark" })),
        new("/Identity/Account/Language (default)", AuditActions.AccountLanguageChange, true, async app =>
            await (await app.SignedInBrowserAsync("alice", AlicePassword)).SubmitFormAsync("/Identity/Account/Manage/Language",
                new Dictionary<string, string> { ["language"] = "es" })),
        new("/Identity/Account/ForgotPassword (default)", AuditActions.ResetRequest, true,
            async app => await app.CreateBrowser().RequestCodeAsync("alice@example.com")),
        new("/Identity/Account/ForgotPasswordCode (default)", AuditActions.ResetVerifyFailure, false, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("alice@example.com");
            return await browser.EnterCodeAsync(WrongCode(CodeMailedToAlice(app)));
        }),
        new("/Identity/Account/ForgotPasswordCode (default)", AuditActions.ResetVerifySuccess, true, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("alice@example.com");
            return await browser.EnterCodeAsync(CodeMailedToAlice(app));
        }),
        new("/Identity/Account/ForgotPasswordCode (default)", AuditActions.ResetVerifyFailure, false, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("nobody@example.com"); // an unknown address goes on to step 2 all the same
            return await browser.EnterCodeAsync("123456");
        }),
        new("/Identity/Account/ForgotPasswordCode Resend", AuditActions.ResetRequest, true, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("alice@example.com");
            app.Clock.Advance(TimeSpan.FromSeconds(61)); // past the resend cooldown
            return await browser.AskForNewCodeAsync();
        }),
        new("/Identity/Account/ForgotPasswordNewPassword (default)", AuditActions.ResetComplete, true, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("alice@example.com");
            await browser.EnterCodeAsync(CodeMailedToAlice(app));
            return await browser.SetNewPasswordAsync("a brand new passphrase");
        }),
        new("/Identity/Account/ForgotPasswordNewPassword (default)", AuditActions.ResetComplete, false, async app =>
        {
            var browser = app.CreateBrowser();
            await browser.RequestCodeAsync("alice@example.com");
            await browser.EnterCodeAsync(CodeMailedToAlice(app));
            var form = HttpBrowser.FindForm(await browser.GetPageAsync(Step3));
            app.Clock.Advance(TimeSpan.FromMinutes(11)); // the page stayed open past the grant's lifetime
            return await browser.SubmitAsync(form, new Dictionary<string, string>
            {
                ["Input.NewPassword"] = "a brand new passphrase",
                ["Input.ConfirmPassword"] = "a brand new passphrase",
            });
        }),
        new("/Identity/Account/Manage/Sessions End", AuditActions.AccountSessionEnd, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Identity/Account/Manage/Sessions", formSelector: "main .session form");
        }),
        new("/Identity/Account/Manage/Sessions EndOthers", AuditActions.AccountSessionEndOthers, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            await app.SignedInBrowserAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync("/Identity/Account/Manage/Sessions", formSelector: "#end-others");
        }),
        new("/Users/Details ResendInvitation", AuditActions.UserInvitationSend, true, async app =>
        {
            var root = await app.SignedInAsRootAsync();
            await root.SubmitFormAsync("/Users/Create", AdminPortal.Tests.Invitations.InvitationTests.InvitationFormFor("ivan"));
            app.Clock.Advance(TimeSpan.FromSeconds(61));
            return await root.SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "ivan")}", formSelector: "#resend-invitation");
        }),
        new("/Users/Details ResendInvitation", AuditActions.UserInvitationSend, false, async app =>
        {
            var bob = await IdOfAsync(app, "bob");
            return await AdminPortal.Tests.Users.UserPages.PostFormToAsync(await app.SignedInAsRootAsync(), $"/Users/Details/{bob}?confirm=disable", "#confirm form",
                $"/Users/Details/{bob}?handler=ResendInvitation");
        }),
        new("/Identity/Account/AcceptInvitation (default)", AuditActions.InvitationAccept, true, async app =>
        {
            await (await app.SignedInAsRootAsync()).SubmitFormAsync("/Users/Create", AdminPortal.Tests.Invitations.InvitationTests.InvitationFormFor("ivan"));
            var link = AdminPortal.Tests.Invitations.InvitationTests.LinkInPickupFolder(app, "ivan@example.com");
            return await app.CreateBrowser().SubmitFormAsync(link, new Dictionary<string, string>
            {
                ["Input.NewPassword"] = "ivan-password",
                ["Input.ConfirmPassword"] = "ivan-password",
            });
        }),
        new("/Identity/Account/AcceptInvitation (default)", AuditActions.InvitationAccept, false, async app =>
        {
            await (await app.SignedInAsRootAsync()).SubmitFormAsync("/Users/Create", AdminPortal.Tests.Invitations.InvitationTests.InvitationFormFor("ivan"));
            var link = AdminPortal.Tests.Invitations.InvitationTests.LinkInPickupFolder(app, "ivan@example.com");
            return await app.CreateBrowser().SubmitFormAsync(link, new Dictionary<string, string>
            {
                ["Input.Token"] = "not-the-token",
                ["Input.NewPassword"] = "ivan-password",
                ["Input.ConfirmPassword"] = "ivan-password",
            });
        }),
        new("/Users/Bulk (default)", AuditActions.UserDisable, true, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Bulk?bulk=disable&ids={await IdOfAsync(app, "bob")}",
                formSelector: "#confirm form")),
        new("/Users/Bulk (default)", AuditActions.UserDisable, false, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Bulk?bulk=disable&ids={await IdOfAsync(app, "root")}",
                formSelector: "#confirm form")),
        new("/Users/Details EndSession", AuditActions.UserSessionEnd, true, async app =>
        {
            await app.SignedInBrowserAsync("bob", "password-123");
            return await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "bob")}", formSelector: "#sessions .session form");
        }),
        new("/Users/Details EndAllSessions", AuditActions.UserSessionEndAll, true, async app =>
        {
            await app.SignedInBrowserAsync("bob", "password-123");
            return await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "bob")}", formSelector: "#end-all-sessions");
        }),
        new("/Users/Details EndAllSessions", AuditActions.UserSessionEndAll, false, async app =>
        {
            await app.SignedInBrowserAsync("bob", "password-123");
            var browser = await app.SignedInAsRootAsync();
            var form = HttpBrowser.FindForm(await browser.GetPageAsync($"/Users/Details/{await IdOfAsync(app, "bob")}"), "#end-all-sessions");
            form.Action = $"/Users/Details/{await IdOfAsync(app, "root")}?handler=EndAllSessions";
            return await browser.SubmitAsync(form);
        }),
        new("/Identity/Account/Manage/EnableAuthenticator (default)", AuditActions.TwoFactorEnable, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var page = await browser.GetPageAsync(TwoFactorTestHelpers.SetupPage);
            var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
            return await browser.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = app.CodeFor(key) });
        }),
        new("/Identity/Account/Manage/EnableAuthenticator (default)", AuditActions.TwoFactorEnable, false, async app =>
        {
            // Not a fixed "000000": the key is random, and so is its code (three in a million runs it would be that).
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var page = await browser.GetPageAsync(TwoFactorTestHelpers.SetupPage);
            var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
            return await browser.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = app.WrongCodeFor(key) });
        }),
        new("/Identity/Account/Manage/GenerateRecoveryCodes (default)", AuditActions.RecoveryCodesRenew, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            await app.EnrolAsync(browser);
            return await browser.SubmitFormAsync(TwoFactorTestHelpers.NewCodesPage, new Dictionary<string, string> { ["Input.CurrentPassword"] = AlicePassword });
        }),
        new("/Identity/Account/Manage/Disable2fa (default)", AuditActions.TwoFactorDisable, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            await app.EnrolAsync(browser);
            return await browser.SubmitFormAsync(TwoFactorTestHelpers.DisablePage, new Dictionary<string, string> { ["Input.CurrentPassword"] = AlicePassword });
        }),
        new("/Identity/Account/LoginWith2fa (default)", AuditActions.SignInSuccess, true, async app =>
        {
            var enrolment = await app.EnrolAsync(await app.SignedInBrowserAsync("alice", AlicePassword));
            var browser = app.CreateBrowser();
            var step = await browser.SignInAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = app.CodeFor(enrolment.Key) });
        }),
        new("/Identity/Account/LoginWith2fa (default)", AuditActions.SignInFailure, false, async app =>
        {
            var enrolment = await app.EnrolAsync(await app.SignedInBrowserAsync("alice", AlicePassword));
            var browser = app.CreateBrowser();
            var step = await browser.SignInAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string> { ["Input.Code"] = app.WrongCodeFor(enrolment.Key) });
        }),
        new("/Identity/Account/LoginWithRecoveryCode (default)", AuditActions.SignInSuccess, true, async app =>
        {
            var enrolment = await app.EnrolAsync(await app.SignedInBrowserAsync("alice", AlicePassword));
            var browser = app.CreateBrowser();
            await browser.SignInAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync(TwoFactorTestHelpers.RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = enrolment.RecoveryCodes[0] });
        }),
        new("/Identity/Account/LoginWithRecoveryCode (default)", AuditActions.SignInFailure, false, async app =>
        {
            await app.EnrolAsync(await app.SignedInBrowserAsync("alice", AlicePassword));
            var browser = app.CreateBrowser();
            await browser.SignInAsync("alice", AlicePassword);
            return await browser.SubmitFormAsync(TwoFactorTestHelpers.RecoveryStepPage, new Dictionary<string, string> { ["Input.Code"] = "AAAAA-BBBBB" });
        }),
        new("/Users/Details Reset2fa", AuditActions.UserTwoFactorReset, true, async app =>
        {
            await app.EnrolAsync(await app.SignedInBrowserAsync("bob", "password-123"));
            return await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{await IdOfAsync(app, "bob")}?confirm=reset2fa", formSelector: "#confirm form");
        }),
        new("/Users/Details Reset2fa", AuditActions.UserTwoFactorReset, false, async app =>
        {
            await app.EnrolAsync(await app.SignedInBrowserAsync("bob", "password-123"));
            var browser = await app.SignedInAsRootAsync();
            var form = HttpBrowser.FindForm(await browser.GetPageAsync($"/Users/Details/{await IdOfAsync(app, "bob")}?confirm=reset2fa"), "#confirm form");
            form.Action = $"/Users/Details/{await IdOfAsync(app, "root")}?handler=reset2fa";
            return await browser.SubmitAsync(form);
        }),
        // Passkeys: a real ceremony needs an authenticator (PasskeyBrowserTests); through HTTP the options are asked
        // (they change nothing) and an answer that is no credential is refused and recorded.
        new("/Identity/Account/Login PasskeyOptions", null, true, async app =>
        {
            var browser = app.CreateBrowser();
            var form = HttpBrowser.FindForm(await browser.GetPageAsync("/Identity/Account/Login"), "#passkey-sign-in");
            form.Action = "/Identity/Account/Login?handler=PasskeyOptions";
            return AnsweredJson(await browser.SubmitAsync(form));
        }),
        new("/Identity/Account/Login Passkey", AuditActions.SignInFailure, false, async app =>
            await app.CreateBrowser().SubmitFormAsync("/Identity/Account/Login",
                new Dictionary<string, string> { ["credentialJson"] = "{\"id\":\"not-a-credential\"}" }, formSelector: "#passkey-sign-in")),
        new("/Identity/Account/Manage/Passkeys Options", null, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var form = HttpBrowser.FindForm(await browser.GetPageAsync(PasskeysPage), "#add-passkey");
            form.Action = $"{PasskeysPage}?handler=Options";
            return AnsweredJson(await browser.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = "Work laptop" }));
        }),
        new("/Identity/Account/Manage/Passkeys (default)", AuditActions.PasskeyAdd, false, async app =>
            await (await app.SignedInBrowserAsync("alice", AlicePassword)).SubmitFormAsync(PasskeysPage, new Dictionary<string, string>
            {
                ["Input.Name"] = "Work laptop",
                ["Input.CredentialJson"] = "{\"id\":\"not-a-credential\"}",
            }, formSelector: "#add-passkey")),
        new("/Identity/Account/Manage/RenamePasskey (default)", AuditActions.PasskeyRename, true, async app =>
        {
            // Signed in first: with a passkey, alice's password alone no longer signs in.
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var id = await AdminPortal.Tests.TwoFactor.PasskeyTests.AddPasskeyAsync(app, "alice", "Work laptop");
            return await browser.SubmitFormAsync($"/Identity/Account/Manage/RenamePasskey?id={id}",
                new Dictionary<string, string> { ["Input.Name"] = "Home desktop" });
        }),
        new("/Identity/Account/Manage/RemovePasskey (default)", AuditActions.PasskeyRemove, true, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var id = await AdminPortal.Tests.TwoFactor.PasskeyTests.AddPasskeyAsync(app, "alice", "Old phone");
            return await browser.SubmitFormAsync($"/Identity/Account/Manage/RemovePasskey?id={id}",
                new Dictionary<string, string> { ["Input.CurrentPassword"] = AlicePassword });
        }),
        new("/Identity/Account/Manage/RemovePasskey (default)", AuditActions.PasskeyRemove, false, async app =>
        {
            var browser = await app.SignedInBrowserAsync("alice", AlicePassword);
            var id = await AdminPortal.Tests.TwoFactor.PasskeyTests.AddPasskeyAsync(app, "alice", "Old phone");
            return await browser.SubmitFormAsync($"/Identity/Account/Manage/RemovePasskey?id={id}",
                new Dictionary<string, string> { ["Input.CurrentPassword"] = "not-the-password" });
        }),
        new("/Identity/Account/RequestAccount (default)", AuditActions.SignUpRequest, true, async app =>
            await app.CreateBrowser().SubmitFormAsync("/Identity/Account/RequestAccount", new Dictionary<string, string>
            {
                ["Input.UserName"] = "petra",
                ["Input.Email"] = "petra@example.com",
                ["Input.DisplayName"] = "Petra",
                ["Input.NewPassword"] = "petra-password",
                ["Input.ConfirmPassword"] = "petra-password",
            })),
        new("/Users/Details Approve", AuditActions.SignUpApprove, true, async app =>
        {
            var pending = await app.CreateUserAsync("perry", status: AccountStatus.Pending);
            return await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{pending.Id}", formSelector: "#approve");
        }),
        new("/Users/Details Reject", AuditActions.SignUpReject, true, async app =>
        {
            var pending = await app.CreateUserAsync("perry", status: AccountStatus.Pending);
            return await (await app.SignedInAsRootAsync()).SubmitFormAsync($"/Users/Details/{pending.Id}?confirm=reject", formSelector: "#confirm form");
        }),
        // The import's preview writes nothing (a file with no file is a message); its confirmation with a seal that is
        // not the app's creates nothing either. A good confirmation's records: CsvImportTests.
        new("/Users/Import Preview", null, false, async app =>
            await (await app.SignedInAsRootAsync()).SubmitFormAsync("/Users/Import", formSelector: "main form[method=post]")),
        new("/Users/Import Confirm", null, false, async app =>
        {
            var browser = await app.SignedInAsRootAsync();
            var fields = HttpBrowser.FieldsOf(HttpBrowser.FindForm(await browser.GetPageAsync("/Users/Import"), "#upload"))
                .Where(f => f.Key == "__RequestVerificationToken").Append(new("sealed", "not-a-seal"));
            return await browser.PostBodyAsync("/Users/Import?handler=Confirm", HttpBrowser.FormBody(fields));
        }),
        // Read-only: the error page is re-executed for failed POSTs; the health check answers any method.
        new("/Error (default)", null, true,
            async app => await app.CreateBrowser().Client.PostAsync("/Error?code=404", new FormUrlEncodedContent([]))),
        new("/healthz", null, true,
            async app => await app.CreateBrowser().Client.PostAsync("/healthz", new FormUrlEncodedContent([]))),
    ];

    public static TheoryData<int> ScenarioNumbers => new(Enumerable.Range(0, Scenarios.Count));

    private readonly AppFactory _app = new AppFactory().With("AdminPortal:SelfRegistration", "RequiresApproval");

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("alice", Roles.Vendor, AlicePassword);
        await _app.CreateUserAsync("bob", Roles.Employee);
        await _app.CreateUserAsync("dora", Roles.Employee, status: AccountStatus.Disabled);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(ScenarioNumbers))]
    public async Task Each_post_handler_writes_its_audit_record(int number)
    {
        var scenario = Scenarios[number];
        var before = (await _app.AuditEntriesAsync()).Select(e => e.Id).ToHashSet();

        var response = await scenario.Act(_app);

        Assert.True((int)response.StatusCode < 500 || scenario.ExpectedAction is null,
            $"{scenario.Handler} answered {(int)response.StatusCode}: {string.Join("\n", _app.Logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(l => l.Message))}");
        if (scenario.ExpectedAction is null)
        {
            // Nothing but the scenario's own sign-in, if it has one.
            var extra = (await _app.AuditEntriesAsync()).Where(e => !before.Contains(e.Id) && e.Action != AuditActions.SignInSuccess).Select(e => e.Action).ToList();
            Assert.True(extra.Count == 0, $"{scenario.Handler} wrote {string.Join(", ", extra)}");
            return;
        }
        var written = (await _app.AuditEntriesAsync(scenario.ExpectedAction)).Where(e => !before.Contains(e.Id)).ToList();
        // Some scenarios take earlier steps first (the reset wizard): the handler under test wrote the last record.
        Assert.NotEmpty(written);
        var entry = written[^1];
        Assert.Equal(scenario.Succeeds, entry.Succeeded);
        Assert.NotNull(entry.ClientAddress);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, entry.At);
    }

    [Fact]
    public async Task Every_post_handler_of_the_app_has_a_scenario()
    {
        var discovered = await DiscoverPostHandlersAsync();
        var appHandlers = discovered.Where(h => !h.RemovedIdentityUiPage).Select(h => h.Key).ToHashSet();
        var covered = Scenarios.Select(s => s.Handler).ToHashSet();

        Assert.Empty(appHandlers.Except(covered).Order());
        // And no scenario names a handler that no longer exists.
        Assert.Empty(covered.Except(appHandlers).Order());
        // The audit log itself is append-only: no page under /Audit takes a POST.
        Assert.DoesNotContain(appHandlers, h => h.StartsWith("/Audit/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_identity_ui_pages_the_app_removed_answer_404_to_a_post()
    {
        var removed = (await DiscoverPostHandlersAsync()).Where(h => h.RemovedIdentityUiPage).Select(h => h.Url).Distinct().ToList();
        Assert.NotEmpty(removed);
        using var browser = await _app.SignedInBrowserAsync("alice", AlicePassword);
        var home = await browser.GetPageAsync("/");
        var token = ((IHtmlInputElement)home.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        foreach (var url in removed)
        {
            var response = await browser.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
            }));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.Unaudited));
    }

    private sealed record PostHandler(string Key, string Url, bool RemovedIdentityUiPage);

    private async Task<List<PostHandler>> DiscoverPostHandlersAsync()
    {
        var loader = _app.Services.GetRequiredService<PageLoader>();
        var handlers = new List<PostHandler>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
                var removed = compiled.HandlerTypeInfo.Assembly == typeof(Microsoft.AspNetCore.Identity.UI.UIFrameworkAttribute).Assembly
                    && compiled.ViewEnginePath is not ("/Account/AccessDenied" or "/Account/Lockout");
                foreach (var handler in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)))
                {
                    var area = compiled.AreaName is null ? "" : "/" + compiled.AreaName;
                    handlers.Add(new PostHandler($"{area}{compiled.ViewEnginePath} {handler.Name ?? "(default)"}",
                        "/" + compiled.AttributeRouteInfo!.Template, removed));
                }
            }
            else if (endpoint is RouteEndpoint route
                     && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is var methods
                     && (methods is null || methods.HttpMethods.Count == 0 || methods.HttpMethods.Contains(HttpMethods.Post)))
            {
                handlers.Add(new PostHandler("/" + route.RoutePattern.RawText!.TrimStart('/'), route.RoutePattern.RawText!, false));
            }
        }
        return handlers.DistinctBy(h => (h.Key, h.Url)).ToList();
    }

    /// <summary>The code in the one message to alice in the pickup folder (no SMTP host is configured here).</summary>
    private static string CodeMailedToAlice(AppFactory app) => CodeIn(PickupMail.OnlyMessageTo(app, "alice@example.com"));

    /// <summary>A read-only scenario passes on any answer: the passkey options must really have been given.</summary>
    private static HttpResponseMessage AnsweredJson(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    private static Task<int> IdOfAsync(AppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static Task NotifyAliceAsync(AppFactory app) => app.AsActorAsync(null, async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var alice = db.Users.Single(u => u.UserName == "alice");
        db.Notifications.Add(new Notification
        {
            UserId = alice.Id,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            Kind = Notifier.AccountChanged,
            ActorUserName = "root",
            Details = "Email",
        });
        await db.SaveChangesAsync();
    });
}
