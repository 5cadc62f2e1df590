using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Email;

/// <summary>An SMTP server that is down or refuses: a clear message, no 500, and no code that was never sent.</summary>
public sealed class SmtpFailureTests : IAsyncLifetime
{
    private const string CouldNotSend = "We could not send the email. Please try again in a few minutes.";

    private SmtpTestServer _smtp = null!;
    private AppFactory _app = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await SmtpTestServer.StartAsync();
        _app = new AppFactory().With("Smtp:Host", "127.0.0.1").With("Smtp:Port", _smtp.PortText).With("Smtp:Timeout", "00:00:30");
        await _app.CreateUserAsync("alice", Roles.Employee, "alice-password", email: "alice@example.com");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_stopped_smtp_server_gives_a_clear_message_and_leaves_no_code()
    {
        await _smtp.StopAsync();
        using var browser = _app.CreateBrowser();

        var response = await browser.RequestCodeAsync("alice@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal(CouldNotSend, page.Summary());
        Assert.Equal("alice@example.com", page.FieldValue("Input.Email"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.PasswordResetCodes.CountAsync()));
        Assert.Contains(_app.Logs, l => l.Level == LogLevel.Error && l.Message.Contains("Could not send the email", StringComparison.Ordinal));
        Assert.Equal(Step1, (await browser.GetAsync(Step2)).Location()); // the wizard did not move on
    }

    [Fact]
    public async Task While_the_server_is_down_an_unknown_address_gets_the_same_answer_as_an_account()
    {
        await _smtp.StopAsync();
        using var browser = _app.CreateBrowser();

        var response = await browser.RequestCodeAsync("nobody@example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CouldNotSend, (await HttpBrowser.ParseAsync(response)).Summary());
        Assert.Equal(Step1, (await browser.GetAsync(Step2)).Location());
    }

    [Fact]
    public async Task A_refusing_server_on_send_a_new_code_keeps_the_earlier_code_working()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("alice@example.com");
        var code = CodeIn(Assert.Single(_smtp.To("alice@example.com")));

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        _smtp.Refuse = true;
        var resend = await browser.AskForNewCodeAsync();

        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(CouldNotSend, (await HttpBrowser.ParseAsync(resend)).Summary());
        Assert.Single(_smtp.To("alice@example.com"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.PasswordResetCodes.CountAsync()));
        Assert.Equal(Step3, (await browser.EnterCodeAsync(code)).Location());
    }

    [Fact]
    public async Task When_the_server_is_back_the_request_works()
    {
        _smtp.Refuse = true;
        using var browser = _app.CreateBrowser();
        Assert.Equal(CouldNotSend, (await HttpBrowser.ParseAsync(await browser.RequestCodeAsync("alice@example.com"))).Summary());

        _smtp.Refuse = false;
        Assert.Equal(Step2, (await browser.RequestCodeAsync("alice@example.com")).Location());
        Assert.Equal(Step3, (await browser.EnterCodeAsync(CodeIn(Assert.Single(_smtp.To("alice@example.com"))))).Location());
    }
}
