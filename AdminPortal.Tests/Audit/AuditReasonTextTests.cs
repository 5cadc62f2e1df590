using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Localization;
using AdminPortal.Tests.Users;
using AdminPortal.Users;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Audit;

/// <summary>
/// Reasons of refusals are sentences (issue 14): every reason code the app writes has a label in English and in Spanish,
/// and the audit list and an entry's details show that sentence, never the stored code.
/// </summary>
public sealed partial class AuditReasonTextTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() =>
        await _app.CreateUserAsync("lucia", Roles.Admin, "lucia-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Refusals that are never recorded (nothing to name, or nothing changed: rule 7).</summary>
    private static readonly UserRefusal[] NeverRecorded = [UserRefusal.None, UserRefusal.NotFound, UserRefusal.NoChanges, UserRefusal.NoSuchSession];

    /// <summary>Every reason code the app writes: AuditReasons' constants, the user rules' codes and any code written as a literal.</summary>
    public static TheoryData<string> Codes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var field in typeof(AuditReasons).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            codes.Add((string)field.GetRawConstantValue()!);
        }
        foreach (var refusal in Enum.GetValues<UserRefusal>().Except(NeverRecorded))
        {
            codes.Add(UserAdministrationService.ReasonCode(refusal));
        }
        foreach (var file in LocalizationKeys.SourceFiles().Where(f => f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            foreach (Match match in ReasonLiteral().Matches(File.ReadAllText(file)))
            {
                codes.Add(match.Groups["code"].Value);
            }
        }
        return [.. codes];
    }

    [GeneratedRegex("""reason: "(?<code>[^"]+)"|UserRefusal\.\w+ => "(?<code>[^"]+)""")]
    private static partial Regex ReasonLiteral();

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_reason_code_the_app_writes_has_a_sentence_in_English_and_Spanish(string code)
    {
        Assert.True(AuditText.ReasonLabels.TryGetValue(code, out var label), $"The audit reason code '{code}' has no label in AuditText.ReasonLabels.");
        Assert.NotEqual(code, label);
        Assert.Matches("^[A-Z{]", label); // a sentence, not a code
        Assert.True(LocalizationKeys.Spanish().TryGetValue(label, out var spanish) && spanish.Length > 0, $"'{label}' has no Spanish entry.");
    }

    [Fact]
    public void The_user_rules_codes_are_all_found()
    {
        // The theory above sees every refusal: a refusal that fell through to its enum name would be a code without a label.
        foreach (var refusal in Enum.GetValues<UserRefusal>().Except(NeverRecorded))
        {
            Assert.NotEqual(refusal.ToString(), UserAdministrationService.ReasonCode(refusal));
        }
    }

    private static string Arguments(string label) =>
        label.Contains("{1}", StringComparison.Ordinal) ? ":2:5" : label.Contains("{0}", StringComparison.Ordinal) ? ":3" : "";

    [Theory]
    [InlineData("root", AppFactory.RootPassword)]
    [InlineData("lucia", "lucia-password")]
    public async Task The_details_page_shows_every_reason_as_its_sentence_in_the_readers_language(string reader, string password)
    {
        var spanish = reader == "lucia";
        if (spanish)
        {
            await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lucia").ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        }
        var written = new List<(long Id, string Code, string Label)>();
        await _app.WithServicesAsync(async services =>
        {
            var audit = services.GetRequiredService<AuditLog>();
            var entries = new List<(AuditEntry Entry, string Code, string Label)>();
            foreach (var code in Codes())
            {
                var label = AuditText.ReasonLabels[code];
                entries.Add((audit.Add(AuditActions.UserUpdate, null, "someone", succeeded: false, reason: code + Arguments(label)), code, label));
            }
            await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
            written.AddRange(entries.Select(e => (e.Entry.Id, e.Code, e.Label)));
        });
        var texts = LocalizationKeys.Spanish();
        using var browser = await _app.SignedInBrowserAsync(reader, password);
        foreach (var (id, code, label) in written)
        {
            object[] arguments = Arguments(label) == ":2:5" ? ["2", "5"] : ["3"];
            var expected = string.Format(CultureInfo.InvariantCulture, spanish ? texts[label] : label, arguments);
            var details = await browser.GetPageAsync($"/Audit/Details/{id}");
            var reason = ReasonOf(details);
            Assert.Equal(expected, reason);
            Assert.NotEqual(code + Arguments(label), reason); // never the stored code
        }
    }

    private static string ReasonOf(IDocument details)
    {
        var term = details.QuerySelectorAll("dl dt").Single(dt => dt.TextContent.Trim() is "Reason" or "Motivo");
        return term.NextElementSibling!.TextContent.Trim();
    }

    [Fact]
    public async Task The_list_shows_a_real_refusal_as_its_sentence_and_who_acted_in_the_details_pages_words()
    {
        using (var stranger = _app.CreateBrowser())
        {
            await stranger.SignInAsync("lucia", "not-her-password"); // auth.signin.failure, wrong-password, nobody signed in
        }
        using (var lucia = await _app.SignedInBrowserAsync("lucia", "lucia-password"))
        {
            // An administrator ending their own sessions from the administration pages is refused: own-sessions.
            var luciaId = await _app.IdOfAsync("lucia");
            await lucia.PostFormToAsync($"/Users/Details/{luciaId}", "header form[action$='/Logout']", $"/Users/Details/{luciaId}?handler=EndAllSessions");
        }
        using var root = await _app.SignedInAsRootAsync();

        var failures = await root.GetPageAsync("/Audit?action=auth.signin.failure");
        var row = failures.QuerySelector("tbody tr")!;
        Assert.Contains("Wrong password", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", row.TextContent, StringComparison.Ordinal);
        // Nobody was signed in: the list says it in the words of the details page, not with a dash.
        var actor = row.QuerySelector("td[data-label='Actor']")!.TextContent.Trim();
        Assert.Equal("nobody signed in", actor);
        var details = await root.GetPageAsync(row.QuerySelector("a[href^='/Audit/Details/']")!.GetAttribute("href")!);
        Assert.StartsWith(actor, details.QuerySelectorAll("dl dt").Single(dt => dt.TextContent.Trim() == "Actor").NextElementSibling!.TextContent.Trim(), StringComparison.Ordinal);

        var sessions = await root.GetPageAsync("/Audit?action=user.session.end.all");
        var refused = sessions.QuerySelector("tbody tr")!;
        Assert.Contains("One's own sessions are ended from one's account settings", refused.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("own-sessions", refused.TextContent, StringComparison.Ordinal);
    }
}
