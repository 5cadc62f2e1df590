using System.Net;
using AdminPortal.PasswordReset;
using AdminPortal.Tests.Infrastructure;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.PasswordReset;

/// <summary>Steps 1 and 2 are limited per client address and per email; over the limit: 429, Retry-After, a friendly page.</summary>
public sealed class ResetRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Step_one_from_one_address_is_limited()
    {
        using var browser = _app.CreateBrowser();
        for (var i = 0; i < PasswordResetRateLimits.EmailStepPerAddress; i++)
        {
            Assert.Equal(Step2, (await browser.RequestCodeAsync($"someone{i}@example.com")).Location());
        }
        await AssertTooManyAsync(await browser.RequestCodeAsync("one-more@example.com"));
    }

    [Fact]
    public async Task Step_one_for_one_email_is_limited_across_addresses()
    {
        for (var i = 0; i < PasswordResetRateLimits.EmailStepPerEmail; i++)
        {
            using var browser = _app.CreateBrowser();
            Assert.Equal(Step2, (await browser.RequestCodeAsync("target@example.com")).Location());
        }
        using var another = _app.CreateBrowser();
        await AssertTooManyAsync(await another.RequestCodeAsync("TARGET@example.com"));
        using var otherEmail = _app.CreateBrowser();
        Assert.Equal(Step2, (await otherEmail.RequestCodeAsync("someone-else@example.com")).Location());
    }

    [Fact]
    public async Task Step_two_from_one_address_is_limited()
    {
        for (var i = 0; i < PasswordResetRateLimits.CodeStepPerAddress / PasswordResetRateLimits.CodeStepPerEmail; i++)
        {
            // Several emails from one address, each below its own limit, add up to the address's limit.
            using var browser = _app.CreateBrowser("10.9.9.9");
            await browser.RequestCodeAsync($"guess{i}@example.com");
            for (var j = 0; j < PasswordResetRateLimits.CodeStepPerEmail; j++)
            {
                Assert.Equal(HttpStatusCode.OK, (await browser.EnterCodeAsync("000000")).StatusCode);
            }
        }
        using var last = _app.CreateBrowser("10.9.9.9");
        await last.RequestCodeAsync("guess-last@example.com");
        await AssertTooManyAsync(await last.EnterCodeAsync("000000"));
    }

    [Fact]
    public async Task Step_two_for_one_email_is_limited()
    {
        using var browser = _app.CreateBrowser();
        await browser.RequestCodeAsync("victim@example.com");
        for (var i = 0; i < PasswordResetRateLimits.CodeStepPerEmail; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.EnterCodeAsync("000000")).StatusCode);
        }
        await AssertTooManyAsync(await browser.EnterCodeAsync("000000"));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 15 * 60);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("Too many requests", page.QuerySelector("h1")!.TextContent);
        // The wait in words, and the way back to where the person was: the wizard's first step.
        Assert.Equal(retryAfter == 15 * 60 ? "You can try again in about 15 minutes." : $"You can try again in about {(int)Math.Round(retryAfter / 60.0, MidpointRounding.AwayFromZero)} minutes.",
            page.QuerySelector("#retry-after")!.TextContent.Trim());
        Assert.DoesNotContain("seconds", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var back = page.QuerySelector("main a#way-back")!;
        Assert.Equal("/Identity/Account/ForgotPassword", back.GetAttribute("href"));
        Assert.Equal("Back to the password reset", back.TextContent.Trim());
    }

    [Fact]
    public async Task The_429_page_says_the_wait_in_minutes_in_Spanish_too()
    {
        using var browser = _app.CreateBrowser();
        browser.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        for (var i = 0; i < PasswordResetRateLimits.EmailStepPerAddress; i++)
        {
            await browser.RequestCodeAsync($"alguien{i}@example.com");
        }
        var response = await browser.RequestCodeAsync("uno-mas@example.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Matches(@"^Podrá volver a intentarlo dentro de unos \d+ minutos\.$", page.QuerySelector("#retry-after")!.TextContent.Trim());
        Assert.Equal("Volver al restablecimiento de contraseña", page.QuerySelector("main a#way-back")!.TextContent.Trim());
    }
}

/// <summary>The Identity UI package's link-based reset stays unreachable beside the app's own wizard.</summary>
public sealed class LinkBasedResetTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("/Identity/Account/ResetPassword?code=abc")]
    [InlineData("/Identity/Account/ResetPasswordConfirmation")]
    [InlineData("/Identity/Account/ForgotPasswordConfirmation")]
    public async Task The_identity_ui_reset_pages_answer_404(string url)
    {
        using var browser = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_links_to_step_one_which_needs_no_sign_in()
    {
        using var browser = _app.CreateBrowser();
        var login = await browser.GetPageAsync("/Identity/Account/Login");
        Assert.NotNull(login.QuerySelector($"a[href='{Step1}']"));
        var step1 = await browser.GetPageAsync(Step1);
        Assert.Equal("step", step1.QuerySelector("li[aria-current]")!.GetAttribute("aria-current"));
    }
}
