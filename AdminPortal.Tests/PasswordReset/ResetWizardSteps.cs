using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;
using MimeKit;

namespace AdminPortal.Tests.PasswordReset;

/// <summary>The wizard's three steps as a person goes through them, through HTTP with antiforgery tokens.</summary>
public static partial class ResetWizardSteps
{
    public const string Step1 = "/Identity/Account/ForgotPassword";
    public const string Step2 = "/Identity/Account/ForgotPasswordCode";
    public const string Step3 = "/Identity/Account/ForgotPasswordNewPassword";

    public static Task<HttpResponseMessage> RequestCodeAsync(this HttpBrowser browser, string email) =>
        browser.SubmitFormAsync(Step1, new Dictionary<string, string> { ["Input.Email"] = email });

    public static Task<HttpResponseMessage> EnterCodeAsync(this HttpBrowser browser, string code) =>
        browser.SubmitFormAsync(Step2, new Dictionary<string, string> { ["Input.Code"] = code }, "#code-form");

    public static Task<HttpResponseMessage> AskForNewCodeAsync(this HttpBrowser browser) =>
        browser.SubmitFormAsync(Step2, formSelector: "#resend-form");

    public static Task<HttpResponseMessage> SetNewPasswordAsync(this HttpBrowser browser, string password, string? confirmation = null) =>
        browser.SubmitFormAsync(Step3, new Dictionary<string, string>
        {
            ["Input.NewPassword"] = password,
            ["Input.ConfirmPassword"] = confirmation ?? password,
        });

    /// <summary>Reads the code as a person would: the six digits on a line of their own in the plain-text part, also shown in the HTML.</summary>
    public static string CodeIn(MimeMessage message)
    {
        var match = CodeLine().Match(message.TextBody ?? "");
        Assert.True(match.Success, "The message has no 6-digit code: " + message.TextBody);
        var code = match.Groups[1].Value;
        Assert.Contains(code, message.HtmlBody ?? "", StringComparison.Ordinal);
        return code;
    }

    public static string WrongCode(string code) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Location(this HttpResponseMessage response) => response.Headers.Location?.OriginalString ?? "";

    // The code stands alone on its line: a greeting such as "Hello val.reset.123456 display," holds six digits too.
    [GeneratedRegex(@"^[ \t]*(\d{6})[ \t]*\r?$", RegexOptions.Multiline)]
    private static partial Regex CodeLine();
}
