using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.PasswordReset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.PasswordReset;

/// <summary>The whole wizard through HTTP, with MailKit delivering to a real SMTP server in the test.</summary>
public sealed class PasswordResetWizardTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private AppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", _smtp.PortText);
        await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password", email: "alice@example.com");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_whole_reset_sets_the_new_password_ends_sessions_and_tells_the_holder()
    {
        using var openSession = await _app.SignedInBrowserAsync("alice", "alice-password");
        Assert.Equal(HttpStatusCode.OK, (await openSession.GetAsync("/")).StatusCode);

        using var browser = _app.CreateBrowser();
        var step1 = await browser.RequestCodeAsync("Alice@Example.com");
        Assert.Equal(Step2, step1.Location());

        var codeMessage = Assert.Single(_smtp.To("alice@example.com"));
        Assert.Equal("Your AdminPortal password reset code", codeMessage.Subject);
        Assert.Contains("AdminPortal", codeMessage.HtmlBody);
        Assert.Contains("valid for 15 minutes", codeMessage.TextBody);
        Assert.Contains("If this was not you", codeMessage.TextBody);
        Assert.Contains("font-size:36px", codeMessage.HtmlBody); // the code in large type
        var code = CodeIn(codeMessage);

        var step2 = await browser.EnterCodeAsync(code);
        Assert.Equal(Step3, step2.Location());
        var step3 = await browser.SetNewPasswordAsync("a brand new passphrase");
        Assert.Equal("/Identity/Account/Login", step3.Location());
        var login = await browser.FollowAsync(step3);
        Assert.Contains("Your password has been changed", login.StatusMessage());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode); // not signed in

        Assert.Equal(HttpStatusCode.Redirect, (await openSession.GetAsync("/")).StatusCode);
        using (var old = _app.CreateBrowser())
        {
            Assert.Equal(HttpStatusCode.OK, (await old.SignInAsync("alice", "alice-password")).StatusCode);
        }
        using (var fresh = _app.CreateBrowser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync("alice", "a brand new passphrase")).StatusCode);
        }

        var changed = _smtp.To("alice@example.com")[1];
        Assert.Equal("Your AdminPortal password was changed", changed.Subject);
        Assert.Contains("If this was not you", changed.TextBody);
        Assert.NotNull(changed.HtmlBody);

        var actions = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetUserName == "alice").OrderBy(e => e.Id).ToListAsync());
        Assert.Contains(actions, e => e is { Action: AuditActions.ResetRequest, Succeeded: true });
        Assert.Contains(actions, e => e is { Action: AuditActions.ResetComplete, Succeeded: true });
        Assert.DoesNotContain(actions, e => (e.Changes ?? "").Contains(code, StringComparison.Ordinal) || (e.Reason ?? "").Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs, line => line.Message.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_code_is_read_from_its_own_line_when_the_greeting_holds_six_digits_too()
    {
        // Test accounts are often named after a random id, which is sometimes six digits; the greeting names the account.
        await _app.CreateUserAsync("reset.123456", Roles.Employee, email: "digits@example.com");
        using var browser = _app.CreateBrowser();
        Assert.Equal(Step2, (await browser.RequestCodeAsync("digits@example.com")).Location());

        var message = Assert.Single(_smtp.To("digits@example.com"));
        Assert.Contains("123456", message.TextBody);
        var code = CodeIn(message);
        Assert.Equal(Step3, (await browser.EnterCodeAsync(code)).Location());
    }

    [Fact]
    public async Task A_reset_lifts_a_sign_in_lockout()
    {
        using var guesser = _app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            await guesser.SignInAsync("alice", "wrong-password");
        }
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        await browser.EnterCodeAsync(CodeIn(Assert.Single(_smtp.To("alice@example.com"))));
        Assert.Equal("/Identity/Account/Login", (await browser.SetNewPasswordAsync("a brand new passphrase")).Location());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("alice", "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_page_and_no_message()
    {
        await _app.CreateUserAsync("bob", email: "bob@example.com");
        using var known = _app.CreateBrowser();
        using var unknown = _app.CreateBrowser();

        var knownPage = await known.FollowAsync(await known.RequestCodeAsync("bob@example.com"));
        var unknownPage = await unknown.FollowAsync(await unknown.RequestCodeAsync("nobody@example.com"));

        Assert.Equal(knownPage.QuerySelector("main")!.TextContent.Replace("bob@example.com", "EMAIL"),
            unknownPage.QuerySelector("main")!.TextContent.Replace("nobody@example.com", "EMAIL"));
        Assert.Single(_smtp.To("bob@example.com"));
        Assert.Empty(_smtp.To("nobody@example.com"));

        // An unknown address cannot go further: any code is refused the same way.
        var refused = await HttpBrowser.ParseAsync(await unknown.EnterCodeAsync("123456"));
        Assert.Equal("Invalid or expired code. Check the latest email, or ask for a new code.", refused.FieldError("Input.Code"));
    }

    [Fact]
    public async Task A_disabled_account_gets_no_message()
    {
        await _app.CreateUserAsync("dora", status: AccountStatus.Disabled, email: "dora@example.com");
        using var browser = _app.CreateBrowser();
        Assert.Equal(Step2, (await browser.RequestCodeAsync("dora@example.com")).Location());
        Assert.Empty(_smtp.To("dora@example.com"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PasswordResetCodes.CountAsync(c => c.UserId == db.Users.Single(u => u.UserName == "dora").Id)));
    }

    [Fact]
    public async Task An_expired_code_is_refused()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var code = CodeIn(Assert.Single(_smtp.To("alice@example.com")));

        _app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var response = await browser.EnterCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("Invalid or expired code. Check the latest email, or ask for a new code.", page.FieldError("Input.Code"));
        Assert.Equal("", page.FieldValue("Input.Code"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.PasswordResetCodes.Select(c => c.FailedAttempts).SingleAsync())); // it counts a try
    }

    [Fact]
    public async Task Requests_that_cross_leave_one_live_code_and_no_error()
    {
        var requests = Enumerable.Range(0, 6).Select(async _ =>
        {
            using var scope = _app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<PasswordResetService>().RequestCodeAsync("alice@example.com");
        });

        Assert.All(await Task.WhenAll(requests), outcome => Assert.Equal(CodeRequestOutcome.Accepted, outcome));

        var stored = await _app.WithDbAsync(db => db.PasswordResetCodes.SingleAsync());
        var sent = _smtp.To("alice@example.com").Select(CodeIn).ToList();
        Assert.NotEmpty(sent);
        // Distinct: six random codes hold the same one twice about once in 70,000 runs; that is still one live code.
        Assert.Single(sent.Distinct(), code => ResetSecrets.CodeMatches(stored.CodeHash, stored.UserId, code));
    }

    [Fact]
    public async Task An_account_address_no_mail_server_would_take_gets_the_could_not_send_message()
    {
        await _app.CreateUserAsync("odd", Roles.Employee, email: "odd@example.com");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "odd")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "odd(name@example.com").SetProperty(u => u.NormalizedEmail, "ODD(NAME@EXAMPLE.COM")));
        using var browser = _app.CreateBrowser();

        var response = await browser.RequestCodeAsync("odd(name@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("could not send", (await HttpBrowser.ParseAsync(response)).Summary(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await _app.WithDbAsync(db => db.PasswordResetCodes.CountAsync()));
    }

    [Fact]
    public async Task The_fifth_wrong_code_kills_it_and_the_right_one_then_fails_without_locking_the_account()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var code = CodeIn(Assert.Single(_smtp.To("alice@example.com")));

        for (var i = 0; i < 5; i++)
        {
            var wrong = await HttpBrowser.ParseAsync(await browser.EnterCodeAsync(WrongCode(code)));
            Assert.Equal("Invalid or expired code. Check the latest email, or ask for a new code.", wrong.FieldError("Input.Code"));
        }
        var sixth = await browser.EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains("Invalid or expired code", (await HttpBrowser.ParseAsync(sixth)).FieldError("Input.Code"));

        var row = await _app.WithDbAsync(db => db.PasswordResetCodes.SingleAsync());
        Assert.Equal(5, row.FailedAttempts);
        Assert.Null(row.GrantHash);
        using var signIn = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await signIn.SignInAsync("alice", "alice-password")).StatusCode);
        var failures = await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ResetVerifyFailure && e.TargetUserName == "alice"));
        Assert.Equal(6, failures);
    }

    [Fact]
    public async Task A_code_that_was_used_cannot_be_used_again()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var code = CodeIn(Assert.Single(_smtp.To("alice@example.com")));
        Assert.Equal(Step3, (await browser.EnterCodeAsync(code)).Location());

        var again = await browser.EnterCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Invalid or expired code", (await HttpBrowser.ParseAsync(again)).FieldError("Input.Code"));

        // And after the reset, neither the code nor the grant works again.
        using var other = _app.CreateBrowser();
        await other.RequestCodeAsync("alice@example.com"); // within the cooldown: no new code is drawn
        Assert.Contains("Invalid or expired code", (await HttpBrowser.ParseAsync(await other.EnterCodeAsync(code))).FieldError("Input.Code"));
    }

    [Fact]
    public async Task The_grant_works_once()
    {
        string? grant = null;
        await _app.WithServicesAsync(async services =>
        {
            var reset = services.GetRequiredService<PasswordResetService>();
            Assert.Equal(CodeRequestOutcome.Accepted, await reset.RequestCodeAsync("alice@example.com"));
            grant = await reset.VerifyCodeAsync("alice@example.com", CodeIn(Assert.Single(_smtp.To("alice@example.com"))));
        });
        Assert.NotNull(grant);

        await _app.WithServicesAsync(async services =>
            Assert.Equal(ResetOutcome.Succeeded, (await services.GetRequiredService<PasswordResetService>().ResetPasswordAsync(grant, "first new password")).Outcome));
        await _app.WithServicesAsync(async services =>
            Assert.Equal(ResetOutcome.InvalidGrant, (await services.GetRequiredService<PasswordResetService>().ResetPasswordAsync(grant, "second new password")).Outcome));

        using var signIn = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await signIn.SignInAsync("alice", "first new password")).StatusCode);
    }

    [Fact]
    public async Task A_grant_expires_after_ten_minutes()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        await browser.EnterCodeAsync(CodeIn(Assert.Single(_smtp.To("alice@example.com"))));
        var form = HttpBrowser.FindForm(await browser.GetPageAsync(Step3));

        _app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var late = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "too late password",
            ["Input.ConfirmPassword"] = "too late password",
        });
        Assert.Equal(Step1, late.Location());
        Assert.StartsWith("Error: this password reset has expired", (await browser.FollowAsync(late)).StatusMessage());
    }

    [Fact]
    public async Task A_new_code_makes_the_old_one_invalid()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var first = CodeIn(Assert.Single(_smtp.To("alice@example.com")));

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var resent = await browser.AskForNewCodeAsync();
        Assert.Equal(Step2, resent.Location());
        Assert.Equal("A new code is on its way. Only the newest code works.", (await browser.FollowAsync(resent)).StatusMessage());
        var messages = _smtp.To("alice@example.com");
        Assert.Equal(2, messages.Count);
        var second = CodeIn(messages[1]);

        if (first != second)
        {
            Assert.Contains("Invalid or expired code", (await HttpBrowser.ParseAsync(await browser.EnterCodeAsync(first))).FieldError("Input.Code"));
        }
        Assert.Equal(Step3, (await browser.EnterCodeAsync(second)).Location());
        Assert.Equal(1, await _app.WithDbAsync(db => db.PasswordResetCodes.CountAsync()));
    }

    [Fact]
    public async Task Sending_a_new_code_waits_sixty_seconds()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        _app.Clock.Advance(TimeSpan.FromSeconds(30));

        var page = await browser.GetPageAsync(Step2);
        Assert.Contains("You can ask for a new code in 30 seconds.", page.QuerySelector("#resend-form")!.TextContent);
        var tooSoon = await browser.AskForNewCodeAsync();
        Assert.Equal(HttpStatusCode.OK, tooSoon.StatusCode);
        Assert.Equal("You can ask for a new code in 30 seconds.", (await HttpBrowser.ParseAsync(tooSoon)).Summary());
        Assert.Single(_smtp.To("alice@example.com"));

        // Going back to step 1 does not get round it either: the earlier code stays the one that works.
        using var other = _app.CreateBrowser();
        await other.RequestCodeAsync("alice@example.com");
        Assert.Single(_smtp.To("alice@example.com"));
    }

    [Fact]
    public async Task The_database_never_holds_the_code_in_clear()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var code = CodeIn(Assert.Single(_smtp.To("alice@example.com")));
        await browser.EnterCodeAsync(code);

        var row = await _app.WithDbAsync(db => db.PasswordResetCodes.AsNoTracking().SingleAsync());
        Assert.DoesNotContain(code, row.CodeHash, StringComparison.Ordinal);
        Assert.DoesNotContain(code, row.GrantHash!, StringComparison.Ordinal);
        var unsaltedSha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)));
        Assert.DoesNotContain(unsaltedSha, row.CodeHash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(unsaltedSha)), row.CodeHash, StringComparison.Ordinal);
        Assert.NotNull(row.UsedAt);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(15), row.ExpiresAt);

        // The whole database, not just this row.
        Assert.DoesNotContain(code, await _app.Database.ContentsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_visited_out_of_order_goes_back_to_step_one()
    {
        using var browser = _app.CreateBrowser();
        Assert.Equal(Step1, (await browser.GetAsync(Step2)).Location());
        Assert.Equal(Step1, (await browser.GetAsync(Step3)).Location());

        await browser.RequestCodeAsync("alice@example.com");
        Assert.Equal(Step1, (await browser.GetAsync(Step3)).Location()); // step 2 not done yet

        // A wizard cookie that was changed by hand is no wizard state at all.
        using var forger = _app.CreateBrowser();
        forger.Client.DefaultRequestHeaders.Add("Cookie", "AdminPortal.PasswordReset=CfDJ8forged");
        Assert.Equal(Step1, (await forger.GetAsync(Step2)).Location());
    }

    [Fact]
    public async Task The_email_is_not_a_form_field_after_step_one()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var step2 = await browser.GetPageAsync(Step2);
        Assert.DoesNotContain(step2.QuerySelectorAll("main input"), input => (input.GetAttribute("value") ?? "").Contains("alice", StringComparison.Ordinal));
        await browser.EnterCodeAsync(CodeIn(Assert.Single(_smtp.To("alice@example.com"))));
        var step3 = await browser.GetPageAsync(Step3);
        Assert.DoesNotContain(step3.QuerySelectorAll("main input"), input => (input.GetAttribute("value") ?? "").Contains("alice", StringComparison.Ordinal));
        Assert.Equal("step", step3.QuerySelector(".reset-steps [aria-current]")!.GetAttribute("aria-current"));
        Assert.Contains("New password", step3.QuerySelector(".reset-steps [aria-current]")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_at_the_field()
    {
        using var browser = _app.CreateBrowser();
        var badEmail = await HttpBrowser.ParseAsync(await browser.RequestCodeAsync("not-an-email"));
        Assert.Equal("Enter a valid email address.", badEmail.FieldError("Input.Email"));
        Assert.Equal("not-an-email", badEmail.FieldValue("Input.Email"));

        await browser.RequestCodeAsync("alice@example.com");
        var badCode = await HttpBrowser.ParseAsync(await browser.EnterCodeAsync("12ab"));
        Assert.Equal("The code is 6 digits.", badCode.FieldError("Input.Code"));

        await browser.EnterCodeAsync(CodeIn(Assert.Single(_smtp.To("alice@example.com"))));
        var shortPassword = await HttpBrowser.ParseAsync(await browser.SetNewPasswordAsync("short"));
        Assert.Equal("The password must be 8–128 characters.", shortPassword.FieldError("Input.NewPassword"));
        var mismatch = await HttpBrowser.ParseAsync(await browser.SetNewPasswordAsync("long enough 1", "long enough 2"));
        Assert.Equal("The new password and its confirmation do not match.", mismatch.FieldError("Input.ConfirmPassword"));
        Assert.Equal("/Identity/Account/Login", (await browser.SetNewPasswordAsync("long enough 1")).Location());
    }
}
