using System.Globalization;
using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Localization;

/// <summary>
/// Spanish is complete (DESIGN.md "Languages"): every text the app uses has a Spanish entry in
/// Resources/SharedResource.es.resx that is really Spanish, keeps its placeholders, and is still used.
/// A new text without its Spanish entry fails here, naming the text and where it is used.
/// </summary>
public sealed partial class SpanishCoverageTests
{
    /// <summary>
    /// Texts that are the same in Spanish. Keep it short: a word here is never checked for a translation again.
    /// "Root" is the role's proper name, not a word to translate.
    /// </summary>
    private static readonly HashSet<string> SameInSpanish = new(StringComparer.Ordinal)
    {
        "AdminPortal",
        "Root",
        "No",
        "Error {0}",
        "Error: {0}",
        "Total",
    };

    [Fact]
    public void Every_text_the_app_uses_has_a_Spanish_entry()
    {
        var spanish = LocalizationKeys.Spanish();
        var missing = LocalizationKeys.Used().Where(k => !spanish.ContainsKey(k.Key)).OrderBy(k => k.Value, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} text(s) used by the app have no entry in {LocalizationKeys.SpanishResourcePath}. Add one <data> per text:{Environment.NewLine}"
            + string.Join(Environment.NewLine, missing.Select(k =>
                $"  <data name=\"{Escape(k.Key)}\" xml:space=\"preserve\"><value>…</value></data>   <!-- {k.Value} -->")));
    }

    [Fact]
    public void No_Spanish_entry_is_the_English_text_left_as_it_is()
    {
        var untranslated = LocalizationKeys.Spanish()
            .Where(e => string.Equals(e.Key, e.Value, StringComparison.Ordinal) && !SameInSpanish.Contains(e.Key))
            .Select(e => e.Key)
            .ToList();
        Assert.True(untranslated.Count == 0,
            $"These Spanish entries are the English text unchanged (translate them, or, for a word that really is the same in "
            + $"Spanish, add it to {nameof(SameInSpanish)}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", untranslated));
    }

    [Fact]
    public void No_Spanish_entry_is_empty()
    {
        var empty = LocalizationKeys.Spanish().Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ToList();
        Assert.True(empty.Count == 0, "Empty Spanish entries:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", empty));
    }

    [Fact]
    public void Spanish_entries_keep_the_placeholders_of_their_English_text()
    {
        var wrong = LocalizationKeys.Spanish()
            .Where(e => !Placeholders(e.Key).SetEquals(Placeholders(e.Value)))
            .Select(e => $"\"{e.Key}\" → \"{e.Value}\"")
            .ToList();
        Assert.True(wrong.Count == 0, "These Spanish entries lose or add placeholders:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", wrong));
    }

    [Fact]
    public void No_Spanish_entry_is_left_over_from_a_text_the_app_no_longer_uses()
    {
        var used = LocalizationKeys.Used();
        var stale = LocalizationKeys.Spanish().Keys.Where(k => !used.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0,
            $"These entries of {LocalizationKeys.SpanishResourcePath} are no longer used by the app (remove them):{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", stale));
    }

    [Fact]
    public void No_two_texts_differ_by_case_alone()
    {
        // The resource compiler keeps one of two names that differ only by case (warning MSB3568) and drops the other.
        var clashes = LocalizationKeys.Used().Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g.Select(k => $"\"{k}\"")))
            .ToList();
        Assert.True(clashes.Count == 0, "Texts that differ only by case cannot both have a translation; reword one:"
            + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", clashes));
    }

    [Fact]
    public void The_app_finds_every_Spanish_entry_at_run_time()
    {
        // Through the built satellite assembly and the app's own localizer, as a Spanish request gets them.
        var factory = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        var localizer = factory.Create(typeof(SharedResource));
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-ES");
        try
        {
            var wrong = LocalizationKeys.Spanish()
                .Where(e => localizer[e.Key] is { ResourceNotFound: true } || localizer[e.Key].Value != e.Value)
                .Select(e => $"\"{e.Key}\" gives \"{localizer[e.Key].Value}\"")
                .ToList();
            Assert.True(wrong.Count == 0, "Spanish entries the running app does not get:" + Environment.NewLine + "  "
                + string.Join(Environment.NewLine + "  ", wrong));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Every_Identity_error_message_goes_through_the_resources()
    {
        var notOverridden = LocalizationKeys.DescriberMessages()
            .Where(m => typeof(LocalizedIdentityErrorDescriber).GetMethod(m.Name, [.. m.GetParameters().Select(p => p.ParameterType)])!
                .DeclaringType != typeof(LocalizedIdentityErrorDescriber))
            .Select(m => m.Name)
            .ToList();
        Assert.True(notOverridden.Count == 0, "IdentityErrorDescriber messages left in English: " + string.Join(", ", notOverridden));
    }

    [Fact]
    public void Every_audit_action_has_a_label()
    {
        Assert.All(AuditActions.All, a => Assert.True(AuditText.ActionLabels.ContainsKey(a), $"The audit action {a} has no label."));
    }

    [Fact]
    public void The_app_never_looks_up_an_interpolated_or_concatenated_text()
    {
        var offenders = LocalizationKeys.SourceFiles()
            .SelectMany(f => DynamicLookup().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();
        Assert.True(offenders.Count == 0, "A localizer looks up a text built at run time, which no resource can hold:"
            + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", offenders));
    }

    [Fact]
    public void The_keys_are_found_in_every_kind_of_source()
    {
        // The scan itself: a regression here would make every other test here pass vacuously.
        var used = LocalizationKeys.Used();
        Assert.Contains("Sign in", used.Keys);                                   // a Razor page (L["…"])
        Assert.Contains("Enter a valid email address.", used.Keys);              // a data annotation / a service
        Assert.Contains("Keep me signed in on this device", used.Keys);          // a [Display] name
        Assert.Contains("Your {0} password reset code", used.Keys);              // an email
        Assert.Contains("The password must be at least {0} characters.", used.Keys); // Identity's describer
        Assert.Contains("Account created", used.Keys);                           // an audit action label
        Assert.Contains("Administrator", used.Keys);                             // a role label
        Assert.Contains("Actor id", used.Keys);                                  // the audit CSV header
        Assert.Contains("{0} is required.", used.Keys);                // model binding and validation defaults
        Assert.True(used.Count > 250, $"Only {used.Count} keys were found.");
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text);

    private static HashSet<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""\b(?:L|localizer|Localizer)\[\s*(?:\$|@\$|\$@|"[^"]*"\s*\+)""")]
    private static partial Regex DynamicLookup();
}
