using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Users;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Invitations;

/// <summary>Invitations through HTTP, with MailKit delivering to a real SMTP server in the test and the link read from it.</summary>
public sealed partial class InvitationTests : IAsyncLifetime
{
    private SmtpTestServer _smtp = null!;
    private AppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", _smtp.PortText).With("Smtp:Timeout", "00:00:30");
        _ = _app.Services;
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static Dictionary<string, string> InviteForm(string userName) => new()
    {
        ["Input.UserName"] = userName,
        ["Input.Email"] = $"{userName}@example.com",
        ["Input.DisplayName"] = $"{userName} shown",
        ["Input.Role"] = Roles.Vendor,
    };

    /// <summary>Creates the account with the form's default choice, "Email an invitation", and gives the emailed link.</summary>
    private async Task<string> InviteAsync(HttpBrowser root, string userName)
    {
        var response = await root.SubmitFormAsync("/Users/Create", InviteForm(userName));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return LinkIn(_smtp.To($"{userName}@example.com")[^1]);
    }

    /// <summary>The invitation link in the one message written to the pickup folder for <paramref name="email"/> (apps with no SMTP host).</summary>
    public static string LinkInPickupFolder(AppFactory app, string email) => LinkIn(PickupMail.OnlyMessageTo(app, email));

    public static Dictionary<string, string> InvitationFormFor(string userName) => InviteForm(userName);

    public static string LinkIn(MimeMessage message)
    {
        var match = Link().Match(message.TextBody ?? "");
        Assert.True(match.Success, "The message has no invitation link: " + message.TextBody);
        Assert.Contains(match.Value, message.HtmlBody ?? "", StringComparison.Ordinal);
        return new Uri(match.Value).PathAndQuery;
    }

    private static Task<HttpResponseMessage> AcceptAsync(HttpBrowser browser, string link, string password) =>
        browser.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    private static async Task AssertLinkRefusedAsync(HttpBrowser browser, string link)
    {
        var page = await browser.GetPageAsync(link);
        Assert.NotNull(page.QuerySelector("#link-refused"));
        Assert.Null(page.QuerySelector("main form[method=post]"));
    }

    [Fact]
    public async Task An_invitation_emails_a_link_whose_holder_chooses_a_password_then_signs_in()
    {
        using var root = await _app.SignedInAsRootAsync();
        var createPage = await root.GetPageAsync("/Users/Create");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)createPage.QuerySelector("#method-invite")!).IsChecked); // the default

        var created = await root.SubmitFormAsync("/Users/Create", InviteForm("ivy"));
        Assert.Contains("an invitation was emailed to ivy@example.com", await root.FlashAfterAsync(created));
        var message = Assert.Single(_smtp.To("ivy@example.com"));
        Assert.Equal("You are invited to AdminPortal", message.Subject);
        var link = LinkIn(message);
        var token = link.Split("token=")[1];

        var ivy = await _app.FindAsync("ivy");
        Assert.Equal(AccountStatus.Invited, ivy!.Status);
        Assert.Null(ivy.PasswordHash);
        var stored = await _app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.UserId == ivy.Id));
        Assert.NotEqual(Uri.UnescapeDataString(token), stored.TokenHash);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddDays(7), stored.ExpiresAt);

        var details = await root.GetPageAsync($"/Users/Details/{ivy.Id}");
        Assert.Contains("Invited", details.QuerySelector("dl")!.TextContent);
        Assert.NotNull(details.QuerySelector("#invitation-expiry time"));
        Assert.NotNull(details.QuerySelector("#resend-invitation"));
        var list = await root.GetPageAsync("/Users?status=Invited");
        Assert.Equal(["ivy"], list.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-user")).ToArray());
        Assert.NotNull(list.QuerySelector("tr[data-user='ivy'] .resend-invitation"));

        using var holder = _app.CreateBrowser();
        var accepted = await AcceptAsync(holder, link, "ivy's own passphrase");
        Assert.Equal("/Identity/Account/Login", accepted.Location());
        Assert.Contains("Your password is set", (await holder.FollowAsync(accepted)).StatusMessage());
        Assert.Equal(HttpStatusCode.Redirect, (await holder.SignInAsync("ivy", "ivy's own passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/")).StatusCode);

        ivy = await _app.FindAsync("ivy");
        Assert.Equal(AccountStatus.Active, ivy!.Status);
        Assert.False(await _app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.UserId == ivy.Id)));
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetUserName == "ivy").ToListAsync());
        Assert.Contains(audit, e => e is { Action: AuditActions.UserCreate, Succeeded: true });
        Assert.Contains(audit, e => e is { Action: AuditActions.UserInvitationSend, Succeeded: true });
        Assert.Contains(audit, e => e is { Action: AuditActions.InvitationAccept, Succeeded: true });
        Assert.DoesNotContain(audit, e => (e.Changes ?? "").Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs, line => line.Message.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_used_link_is_refused()
    {
        using var root = await _app.SignedInAsRootAsync();
        var link = await InviteAsync(root, "reuse");
        using var holder = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(holder, link, "first passphrase")).StatusCode);

        using var other = _app.CreateBrowser();
        await AssertLinkRefusedAsync(other, link);
        using var signIn = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await signIn.SignInAsync("reuse", "first passphrase")).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_with_a_link_used_meanwhile_sets_nothing()
    {
        using var root = await _app.SignedInAsRootAsync();
        var link = await InviteAsync(root, "race");
        using var late = _app.CreateBrowser();
        var latePage = await late.GetPageAsync(link); // opened while the link worked
        using var first = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(first, link, "first passphrase")).StatusCode);

        var response = await late.SubmitAsync(HttpBrowser.FindForm(latePage), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "second passphrase",
            ["Input.ConfirmPassword"] = "second passphrase",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HttpBrowser.ParseAsync(response)).QuerySelector("#link-refused"));
        using var signIn = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await signIn.SignInAsync("race", "second passphrase")).StatusCode);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.InvitationAccept && !e.Succeeded).ToListAsync());
        Assert.Contains(audit, e => e.Reason == AuditReasons.InvitationUnknown);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_the_account_stays_invited()
    {
        var link = await InviteAsync(await _app.SignedInAsRootAsync(), "late");
        using var holder = _app.CreateBrowser();
        var openedInTime = await holder.GetPageAsync(link);
        _app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        await AssertLinkRefusedAsync(holder, link);
        var posted = await holder.SubmitAsync(HttpBrowser.FindForm(openedInTime), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "too late passphrase",
            ["Input.ConfirmPassword"] = "too late passphrase",
        });
        Assert.NotNull((await HttpBrowser.ParseAsync(posted)).QuerySelector("#link-refused"));
        using var root = await _app.SignedInAsRootAsync(); // the first session ended with the days that passed
        var details = await root.GetPageAsync($"/Users/Details/{await _app.IdOfAsync("late")}");
        Assert.Contains("Expired", details.QuerySelector("#invitation-expiry")!.TextContent);
        Assert.Equal(AccountStatus.Invited, (await _app.FindAsync("late"))!.Status);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.InvitationAccept && e.TargetUserName == "late").ToListAsync());
        Assert.Contains(audit, e => e is { Succeeded: false, Reason: AuditReasons.InvitationExpired });
    }

    [Fact]
    public async Task A_resent_invitation_replaces_the_link_and_has_a_cooldown()
    {
        using var root = await _app.SignedInAsRootAsync();
        var first = await InviteAsync(root, "again");
        var id = await _app.IdOfAsync("again");

        var tooSoon = await root.SubmitFormAsync($"/Users/Details/{id}", formSelector: "#resend-invitation");
        Assert.Contains("less than a minute ago", await root.FlashAfterAsync(tooSoon));
        Assert.Single(_smtp.To("again@example.com"));

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var resent = await root.SubmitFormAsync($"/Users/Details/{id}", formSelector: "#resend-invitation");
        Assert.Contains("A new invitation was emailed", await root.FlashAfterAsync(resent));
        var second = LinkIn(_smtp.To("again@example.com")[^1]);
        Assert.NotEqual(first, second);

        using var holder = _app.CreateBrowser();
        await AssertLinkRefusedAsync(holder, first);
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(holder, second, "the second link works")).StatusCode);
    }

    [Fact]
    public async Task An_invited_account_cannot_sign_in_nor_get_a_reset_code()
    {
        using var root = await _app.SignedInAsRootAsync();
        await InviteAsync(root, "waiting");

        foreach (var password in new[] { "", "password-123", "waiting" })
        {
            using var browser = _app.CreateBrowser();
            var response = await browser.SignInAsync("waiting", password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the sign-in page again
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
        }
        using var reset = _app.CreateBrowser();
        await reset.RequestCodeAsync("waiting@example.com");
        Assert.Single(_smtp.To("waiting@example.com")); // the invitation only: no code
    }

    [Fact]
    public async Task Disabling_an_invited_account_kills_its_link_and_enabling_it_is_refused()
    {
        using var root = await _app.SignedInAsRootAsync();
        var link = await InviteAsync(root, "stopped");
        var id = await _app.IdOfAsync("stopped");

        var enable = await root.PostFormToAsync($"/Users/Details/{id}", "#resend-invitation", $"/Users/Details/{id}?handler=enable");
        Assert.Contains("becomes active only when its holder accepts", await root.FlashAfterAsync(enable));

        Assert.Equal(HttpStatusCode.Redirect, (await root.ConfirmAsync(id, "disable")).StatusCode);
        Assert.False(await _app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.UserId == id)));
        using var holder = _app.CreateBrowser();
        await AssertLinkRefusedAsync(holder, link);
    }

    [Fact]
    public async Task Deleting_an_invited_account_kills_its_link()
    {
        using var root = await _app.SignedInAsRootAsync();
        var link = await InviteAsync(root, "gone");
        Assert.Equal(HttpStatusCode.Redirect, (await root.ConfirmAsync(await _app.IdOfAsync("gone"), "delete")).StatusCode);
        using var holder = _app.CreateBrowser();
        await AssertLinkRefusedAsync(holder, link);
    }

    [Fact]
    public async Task With_the_smtp_server_down_an_invitation_is_a_clear_message_and_creates_nothing()
    {
        using var root = await _app.SignedInAsRootAsync();
        await _smtp.StopAsync();

        var response = await root.SubmitFormAsync("/Users/Create", InviteForm("nomail"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("The invitation email could not be sent, so nothing was changed", page.Summary());
        Assert.Equal("nomail", page.FieldValue("Input.UserName"));
        Assert.Null(await _app.FindAsync("nomail"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Invitations.CountAsync()));
        Assert.Contains(await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.UserCreate).ToListAsync()),
            e => e is { Succeeded: false, Reason: "email-not-sent", TargetUserName: "nomail" });
    }

    [Fact]
    public async Task An_invited_account_without_a_live_link_says_so_in_a_sentence_of_its_own_not_after_valid_until()
    {
        using var root = await _app.SignedInAsRootAsync();
        await InviteAsync(root, "linkless");
        var id = await _app.IdOfAsync("linkless");
        await _app.WithDbAsync(db => db.Invitations.Where(i => i.UserId == id).ExecuteDeleteAsync());

        var expiry = (await root.GetPageAsync($"/Users/Details/{id}")).QuerySelector("#invitation-expiry")!;
        Assert.Equal("Invitation link", expiry.PreviousElementSibling!.TextContent.Trim());
        Assert.Equal("No live link: send a new invitation.", expiry.TextContent.Trim());

        // With a live link the term is still "valid until", followed by the time.
        await InviteAsync(root, "linked");
        var linked = (await root.GetPageAsync($"/Users/Details/{await _app.IdOfAsync("linked")}")).QuerySelector("#invitation-expiry")!;
        Assert.Equal("Invitation valid until", linked.PreviousElementSibling!.TextContent.Trim());
        Assert.NotNull(linked.QuerySelector("time"));

        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "root").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        using var spanish = await _app.SignedInAsRootAsync();
        expiry = (await spanish.GetPageAsync($"/Users/Details/{id}")).QuerySelector("#invitation-expiry")!;
        Assert.Equal("Enlace de invitación", expiry.PreviousElementSibling!.TextContent.Trim());
        Assert.Equal("No hay ningún enlace vigente: envíe una nueva invitación.", expiry.TextContent.Trim());
    }

    [Fact]
    public async Task The_invitation_speaks_the_language_the_account_gets()
    {
        using var root = await _app.SignedInAsRootAsync();
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "root").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        using var spanish = await _app.SignedInAsRootAsync();
        await InviteAsync(spanish, "carmen");
        var message = _smtp.To("carmen@example.com")[^1];
        Assert.Equal("Le invitamos a AdminPortal", message.Subject);
    }

    [GeneratedRegex(@"https?://\S+/Identity/Account/AcceptInvitation\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex Link();
}
