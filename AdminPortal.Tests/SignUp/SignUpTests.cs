using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Notifications;
using AdminPortal.SignUp;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Users;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.SignUp;

/// <summary>Sign-up requests through HTTP: the request page, Pending accounts, approval and rejection (one by one and in bulk), emails read from a real SMTP server.</summary>
public sealed partial class SignUpTests : IAsyncLifetime
{
    public const string RequestPath = "/Identity/Account/RequestAccount";
    private const string ReceivedPath = RequestPath + "?sent=True";

    private SmtpTestServer _smtp = null!;
    private AppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _app = new AppFactory().With("AdminPortal:SelfRegistration", "RequiresApproval")
            .With("Smtp:Host", "127.0.0.1").With("Smtp:Port", _smtp.PortText).With("Smtp:Timeout", "00:00:30");
        _ = _app.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    public static Dictionary<string, string> RequestForm(string userName, string? email = null, string password = "a long enough passphrase") => new()
    {
        ["Input.UserName"] = userName,
        ["Input.Email"] = email ?? $"{userName}@example.com",
        ["Input.DisplayName"] = $"{userName} shown",
        ["Input.NewPassword"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static Task<HttpResponseMessage> RequestAsync(HttpBrowser browser, string userName, string? email = null) =>
        browser.SubmitFormAsync(RequestPath, RequestForm(userName, email));

    private async Task<int> RequestedAsync(string userName, string? language = null)
    {
        using var browser = _app.CreateBrowser();
        if (language is not null)
        {
            browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        Assert.Equal(ReceivedPath, (await RequestAsync(browser, userName)).Location());
        return await _app.IdOfAsync(userName);
    }

    [Fact]
    public async Task Off_by_default_the_page_is_404_and_the_sign_in_page_has_no_link()
    {
        await using var app = new AppFactory();
        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(RequestPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(ReceivedPath)).StatusCode);
        var signIn = await browser.GetPageAsync("/Identity/Account/Login");
        Assert.Null(signIn.QuerySelector("#request-account"));

        using var on = _app.CreateBrowser();
        var link = (await on.GetPageAsync("/Identity/Account/Login")).QuerySelector("#request-account");
        Assert.Equal(RequestPath, link!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_request_creates_a_pending_account_tells_the_requester_and_notifies_the_user_managers()
    {
        var admin = await _app.CreateUserAsync("nadmin", Roles.Admin);
        using var browser = _app.CreateBrowser();

        var response = await RequestAsync(browser, "newbie");

        Assert.Equal(ReceivedPath, response.Location());
        var received = await browser.FollowAsync(response);
        Assert.Contains("an administrator will review it", received.QuerySelector("#request-received")!.TextContent);
        var newbie = (await _app.FindAsync("newbie"))!;
        Assert.Equal(AccountStatus.Pending, newbie.Status);
        Assert.Equal(Roles.Employee, newbie.Role);
        Assert.NotNull(newbie.PasswordHash);
        Assert.DoesNotContain("a long enough passphrase", newbie.PasswordHash, StringComparison.Ordinal);
        var notices = await _app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == Notifier.SignUpRequest && n.ActorUserName == "newbie")
            .Select(n => n.UserId).ToListAsync());
        Assert.Contains(admin.Id, notices);
        Assert.Contains(await _app.IdOfAsync("root"), notices);
        Assert.DoesNotContain(newbie.Id, notices);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SignUpRequest && e.TargetId == newbie.Id));
        Assert.True(audit.Succeeded);
        Assert.DoesNotContain("passphrase", audit.Changes ?? "", StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages); // nothing is sent to an address nobody has checked

        // The administrators see it in their notifications and under the Requests filter.
        using var root = await _app.SignedInAsRootAsync();
        var inbox = await root.GetPageAsync("/Notifications");
        Assert.Contains("newbie asked for an account", inbox.QuerySelector(".notifications")!.TextContent);
        var list = await root.GetPageAsync("/Users?status=Pending");
        Assert.Equal(["newbie"], list.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-user")).ToArray());
        Assert.Contains("Pending approval", list.QuerySelector("tbody tr .cell-status")!.TextContent);
        Assert.NotNull(list.QuerySelector("form#bulk button[value='approvevendor']"));
    }

    [Fact]
    public async Task A_pending_account_cannot_sign_in_nor_ask_for_a_reset_code()
    {
        await RequestedAsync("waiting");
        using var browser = _app.CreateBrowser();

        var wrong = await browser.SignInAsync("waiting", "not the passphrase");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("is not correct", (await HttpBrowser.ParseAsync(wrong)).Summary());
        var right = await browser.SignInAsync("waiting", "a long enough passphrase");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("waiting for an administrator's approval", (await HttpBrowser.ParseAsync(right)).Summary());
        await UserPages.AssertSentToSignInAsync(browser);

        Assert.Equal(Step2, (await browser.RequestCodeAsync("waiting@example.com")).Location());
        Assert.Empty(_smtp.To("waiting@example.com"));
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.TargetUserName == "waiting"
            && e.Action == AuditActions.SignInFailure && e.Reason == AuditReasons.AwaitingApproval)));
    }

    [Fact]
    public async Task A_request_with_a_taken_email_or_user_name_answers_exactly_like_a_free_one()
    {
        await _app.CreateUserAsync("holder", email: "holder@example.com");
        var before = await _app.WithDbAsync(db => db.Users.CountAsync());

        var free = await AnswerAsync("fresh", "fresh@example.com");
        var takenEmail = await AnswerAsync("other", "HOLDER@example.com");
        var takenName = await AnswerAsync("Holder", "someone-new@example.com");

        Assert.Equal(free, takenEmail);
        Assert.Equal(free, takenName);
        Assert.Equal(before + 1, await _app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Null(await _app.FindAsync("other"));
        Assert.Equal("holder@example.com", (await _app.FindAsync("holder"))!.Email);
        Assert.Empty(_smtp.Messages);
        var refused = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SignUpRequest && !e.Succeeded)
            .Select(e => e.Reason).ToListAsync());
        Assert.Equal([AuditReasons.EmailTaken, AuditReasons.UserNameTaken], refused.Order().ToArray());
    }

    /// <summary>What a fresh browser gets for a request: status, where it leads, and the page it leads to without its per-request tokens.</summary>
    private async Task<string> AnswerAsync(string userName, string email)
    {
        using var browser = _app.CreateBrowser();
        var response = await RequestAsync(browser, userName, email);
        var page = await browser.GetAsync(response.Headers.Location!.OriginalString);
        return $"{(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}\n"
            + $"{(int)page.StatusCode} {WithoutTokens(await page.Content.ReadAsStringAsync())}";
    }

    private static string WithoutTokens(string html) => Tokens().Replace(html, "…");

    // Antiforgery tokens (data-protected, "CfDJ8…", base64url) and the CSP nonce (base64, HTML-encoded) differ on every request.
    [GeneratedRegex(@"nonce=""[^""]*""|CfDJ8[A-Za-z0-9_\-]*")]
    private static partial Regex Tokens();

    [Fact]
    public async Task Typing_mistakes_come_back_at_their_fields_and_create_nothing()
    {
        using var browser = _app.CreateBrowser();
        var form = RequestForm("x");
        form["Input.Email"] = "not an email";
        form["Input.NewPassword"] = "short";
        form["Input.ConfirmPassword"] = "short";
        var response = await browser.SubmitFormAsync(RequestPath, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("3–30", page.FieldError("Input.UserName"));
        Assert.NotEmpty(page.FieldError("Input.Email"));
        Assert.Contains("8–128", page.FieldError("Input.NewPassword"));
        Assert.Equal("x", page.FieldValue("Input.UserName"));
        Assert.Equal("", page.FieldValue("Input.NewPassword"));
        Assert.Null(await _app.FindAsync("x"));
    }

    [Fact]
    public async Task Approving_makes_the_account_active_with_the_chosen_role_and_emails_its_holder_in_their_language()
    {
        var id = await RequestedAsync("ana", language: "es");
        using var root = await _app.SignedInAsRootAsync();
        var details = await root.GetPageAsync($"/Users/Details/{id}");
        Assert.NotNull(details.QuerySelector("#request"));
        Assert.Null(details.QuerySelector("a[href*='confirm=disable']"));

        var approved = await root.SubmitAsync(HttpBrowser.FindForm(details, "#approve"), new Dictionary<string, string> { ["role"] = Roles.Vendor });

        Assert.Contains("was approved", await root.FlashAfterAsync(approved));
        var ana = (await _app.FindAsync("ana"))!;
        Assert.Equal(AccountStatus.Active, ana.Status);
        Assert.Equal(Roles.Vendor, ana.Role);
        Assert.Equal(Roles.Vendor, await _app.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == id)
            .Join(db.Roles, r => r.RoleId, role => role.Id, (r, role) => role.Name).SingleAsync()));
        var message = Assert.Single(_smtp.To("ana@example.com"));
        Assert.Contains("aprobada", message.Subject, StringComparison.Ordinal);
        Assert.Contains("ana", message.TextBody, StringComparison.Ordinal);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SignUpApprove && e.TargetId == id));
        Assert.Contains("Pending", audit.Changes!, StringComparison.Ordinal);
        var auditPage = await root.GetPageAsync("/Audit?target=ana");
        Assert.Contains("Account request approved", auditPage.QuerySelector("tbody")!.TextContent);

        using var holder = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await holder.SignInAsync("ana", "a long enough passphrase")).StatusCode);
    }

    [Fact]
    public async Task Rejecting_deletes_the_account_and_emails_its_holder()
    {
        var id = await RequestedAsync("rex");
        using var root = await _app.SignedInAsRootAsync();
        var confirmation = await root.GetPageAsync($"/Users/Details/{id}?confirm=reject");
        Assert.Contains("Reject the account request rex", confirmation.QuerySelector("#confirm")!.TextContent);

        var rejected = await root.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));

        Assert.Contains("was rejected", await root.FlashAfterAsync(rejected));
        Assert.Null(await _app.FindAsync("rex"));
        var message = Assert.Single(_smtp.To("rex@example.com"));
        Assert.Equal("Your AdminPortal account request was declined", message.Subject);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SignUpReject && e.TargetId == id && e.Succeeded)));
        // The name is free again.
        Assert.Equal(ReceivedPath, (await RequestAsync(_app.CreateBrowser(), "rex")).Location());
        Assert.Equal(AccountStatus.Pending, (await _app.FindAsync("rex"))!.Status);
    }

    [Fact]
    public async Task When_the_email_cannot_be_sent_the_request_stays_as_it_was()
    {
        var id = await RequestedAsync("stuck");
        using var root = await _app.SignedInAsRootAsync();
        _smtp.Refuse = true;
        var details = await root.GetPageAsync($"/Users/Details/{id}");
        var approved = await root.SubmitAsync(HttpBrowser.FindForm(details, "#approve"));
        Assert.Contains("could not be sent", await root.FlashAfterAsync(approved));
        Assert.Equal(AccountStatus.Pending, (await _app.FindAsync("stuck"))!.Status);
    }

    [Fact]
    public async Task Active_and_disabled_accounts_are_not_approved_and_pending_ones_are_not_enabled()
    {
        var active = await _app.CreateUserAsync("already");
        var pending = await RequestedAsync("notyet");
        using var root = await _app.SignedInAsRootAsync();
        var response = await root.PostFormToAsync($"/Users/Details/{pending}", "#approve", $"/Users/Details/{active.Id}?handler=approve");
        Assert.Contains("not a request awaiting approval", await root.FlashAfterAsync(response));
        var enable = await root.PostFormToAsync($"/Users/Details/{pending}", "#approve", $"/Users/Details/{pending}?handler=enable");
        Assert.Contains("only when an administrator approves it", await root.FlashAfterAsync(enable));
        var asAdmin = await root.PostFormToAsync($"/Users/Details/{pending}", "#approve", $"/Users/Details/{pending}?handler=approve",
            new Dictionary<string, string> { ["role"] = Roles.Vendor });
        Assert.Equal(HttpStatusCode.Redirect, asAdmin.StatusCode); // the page's own choice works…
        var other = await RequestedAsync("notadmin");
        var forged = await root.Client.PostAsync($"/Users/Details/{other}?handler=approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = Roles.Admin,
            ["__RequestVerificationToken"] = (await root.GetPageAsync($"/Users/Details/{other}")).QuerySelector("#approve input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));
        Assert.Contains("as an employee or a vendor", await root.FlashAfterAsync(forged)); // …but never makes an administrator
        Assert.Equal(AccountStatus.Pending, (await _app.FindAsync("notadmin"))!.Status);
        Assert.Equal(AccountStatus.Active, (await _app.FindAsync("already"))!.Status);
    }

    [Fact]
    public async Task Bulk_approval_and_rejection_judge_each_account_and_report_refusals()
    {
        var ids = new List<int> { await RequestedAsync("bulk1"), await RequestedAsync("bulk2"), (await _app.CreateUserAsync("bulkactive")).Id };
        var rejects = new List<int> { await RequestedAsync("bulk3"), await RequestedAsync("bulk4"), await _app.IdOfAsync("root") };
        using var root = await _app.SignedInAsRootAsync();

        var approval = await root.GetPageAsync($"/Users/Bulk?bulk=approvevendor&{string.Join("&", ids.Select(i => $"ids={i}"))}");
        Assert.Contains("Approve these 3 account requests as vendors?", approval.QuerySelector("#question")!.TextContent);
        var result = await root.FollowAsync(await root.SubmitAsync(HttpBrowser.FindForm(approval, "#confirm form")));
        Assert.Contains("Done: 2", result.QuerySelector("#done")!.TextContent);
        Assert.Contains("Refused: 1", result.QuerySelector("#refused")!.TextContent);
        Assert.Equal("The account is not a request awaiting approval", result.QuerySelector("#refusals tr[data-user='bulkactive'] td:last-child")!.TextContent.Trim());
        Assert.Equal(Roles.Vendor, (await _app.FindAsync("bulk1"))!.Role);
        Assert.Equal(Roles.Vendor, (await _app.FindAsync("bulk2"))!.Role);
        Assert.Equal(AccountStatus.Active, (await _app.FindAsync("bulk1"))!.Status);
        Assert.Single(_smtp.To("bulk2@example.com"));
        Assert.Empty(_smtp.To("bulkactive@example.com"));

        // The principal, checked by hand, is refused.
        var rejection = await root.GetPageAsync($"/Users/Bulk?bulk=reject&{string.Join("&", rejects.Select(i => $"ids={i}"))}");
        result = await root.FollowAsync(await root.SubmitAsync(HttpBrowser.FindForm(rejection, "#confirm form")));
        Assert.Contains("Done: 2", result.QuerySelector("#done")!.TextContent);
        Assert.Equal("The principal account is protected", result.QuerySelector("#refusals tr[data-user='root'] td:last-child")!.TextContent.Trim());
        Assert.Null(await _app.FindAsync("bulk3"));
        Assert.Null(await _app.FindAsync("bulk4"));
        Assert.Single(_smtp.To("bulk4@example.com"));
        var batches = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.SignUpReject).Select(e => e.BatchId).Distinct().ToListAsync());
        Assert.NotNull(Assert.Single(batches));
    }

    [Fact]
    public async Task Select_all_on_the_Requests_filter_approves_every_pending_account()
    {
        await RequestedAsync("all1");
        await RequestedAsync("all2");
        using var root = await _app.SignedInAsRootAsync();
        var list = await root.GetPageAsync("/Users?status=Pending");
        var form = HttpBrowser.FindForm(list, "form#bulk");
        var confirmation = await HttpBrowser.ParseAsync(await root.SubmitAsync(form, new Dictionary<string, string> { ["all"] = "true" },
            (IHtmlElement)form.QuerySelector("button[value='approveemployee']")!));
        Assert.Contains("Approve these 2 account requests as employees?", confirmation.QuerySelector("#question")!.TextContent);
        var result = await root.FollowAsync(await root.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form")));
        Assert.Contains("Done: 2", result.QuerySelector("#done")!.TextContent);
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Status == AccountStatus.Pending)));
    }

    [Fact]
    public async Task Requests_are_rate_limited_per_email_and_per_address()
    {
        for (var i = 0; i < SignUpRateLimits.PerEmail; i++)
        {
            Assert.Equal(ReceivedPath, (await RequestAsync(_app.CreateBrowser(), $"same{i}", "same@example.com")).Location());
        }
        var limited = await RequestAsync(_app.CreateBrowser(), "same-last", "SAME@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));

        using var one = _app.CreateBrowser("10.7.7.7");
        for (var i = 0; i < SignUpRateLimits.PerAddress; i++)
        {
            Assert.Equal(ReceivedPath, (await RequestAsync(one, $"addr{i}")).Location());
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await RequestAsync(one, "addr-last")).StatusCode);
    }

    [Fact]
    public async Task Someone_who_does_not_manage_users_cannot_approve_or_reject()
    {
        var id = await RequestedAsync("hopeful");
        await _app.CreateUserAsync("vendy", Roles.Vendor, "vendy-password");
        using var vendor = await _app.SignedInBrowserAsync("vendy", "vendy-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.GetAsync($"/Users/Details/{id}")).StatusCode);
        var token = (await vendor.GetPageAsync("/Identity/Account/Manage/ChangePassword"))
            .QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        foreach (var url in new[] { $"/Users/Details/{id}?handler=approve", $"/Users/Details/{id}?handler=reject", $"/Users/Bulk?bulk=approveemployee&ids={id}" })
        {
            var response = await vendor.Client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["role"] = Roles.Employee,
                ["bulk"] = "approveemployee",
                ["ids"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = token,
            }));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url}");
        }
        Assert.Equal(AccountStatus.Pending, (await _app.FindAsync("hopeful"))!.Status);
    }
}
