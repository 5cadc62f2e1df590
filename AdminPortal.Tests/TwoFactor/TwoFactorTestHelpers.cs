using System.Net;
using System.Security.Cryptography;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.TwoFactor;

/// <summary>An authenticator app in the test: RFC 6238 codes from the shared key and the factory's clock, written apart from the app's.</summary>
public static class TwoFactorTestHelpers
{
    public const string SettingsPage = "/Identity/Account/Manage/TwoFactorAuthentication";
    public const string SetupPage = "/Identity/Account/Manage/EnableAuthenticator";
    public const string CodesPage = "/Identity/Account/Manage/ShowRecoveryCodes";
    public const string NewCodesPage = "/Identity/Account/Manage/GenerateRecoveryCodes";
    public const string DisablePage = "/Identity/Account/Manage/Disable2fa";
    public const string CodeStepPage = "/Identity/Account/LoginWith2fa";
    public const string RecoveryStepPage = "/Identity/Account/LoginWithRecoveryCode";

    public sealed record Enrolment(string Key, IReadOnlyList<string> RecoveryCodes);

    /// <summary>The code an authenticator app shows for <paramref name="base32Key"/> at the factory's current time.</summary>
    public static string CodeFor(this AppFactory app, string base32Key, int stepOffset = 0)
    {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.Replace(" ", "").ToUpperInvariant().Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = app.Clock.GetUtcNow().ToUnixTimeSeconds() / 30 + stepOffset;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var value = ((hash[offset] & 0x7f) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3]) % 1_000_000;
        return value.ToString("D6");
    }

    /// <summary>A code that is not the current one (nor the steps beside it).</summary>
    public static string WrongCodeFor(this AppFactory app, string base32Key)
    {
        var taken = new[] { -1, 0, 1 }.Select(o => app.CodeFor(base32Key, o)).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !taken.Contains(c));
    }

    /// <summary>Sets up the authenticator app from the signed-in browser, as its holder would with a phone.</summary>
    public static async Task<Enrolment> EnrolAsync(this AppFactory app, HttpBrowser browser)
    {
        var page = await browser.GetPageAsync(SetupPage);
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "");
        var response = await browser.SubmitAsync(HttpBrowser.FindForm(page), new Dictionary<string, string> { ["Input.Code"] = app.CodeFor(key) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(CodesPage, response.Headers.Location!.OriginalString);
        var codes = await browser.FollowAsync(response);
        return new Enrolment(key, [.. codes.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent.Trim())]);
    }

    /// <summary>Password, then the code: a browser signed in with both factors.</summary>
    public static async Task<HttpBrowser> SignedInWithCodeAsync(this AppFactory app, string login, string password, string key,
        bool rememberBrowser = false, HttpBrowser? browser = null)
    {
        browser ??= app.CreateBrowser();
        var step = await browser.SignInAsync(login, password);
        Assert.Equal(HttpStatusCode.Redirect, step.StatusCode);
        Assert.StartsWith(CodeStepPage, step.Headers.Location!.OriginalString);
        // A code is accepted once: the holder waits for the app's next one, as after setting it up.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var signedIn = await browser.SubmitFormAsync(step.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Input.Code"] = app.CodeFor(key),
            ["Input.RememberBrowser"] = rememberBrowser ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        return browser;
    }
}
