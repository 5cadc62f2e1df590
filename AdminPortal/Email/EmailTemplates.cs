using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace AdminPortal.Email;

/// <summary>
/// Simple template files embedded in the assembly (<c>Email/Templates/{Name}.html</c> and <c>.txt</c>): each
/// <c>{{Key}}</c> is replaced by a value, HTML-encoded in the HTML part. The sentences come from the caller through
/// localization, so the files hold only the layout and adding a language needs no new template.
/// </summary>
public static partial class EmailTemplates
{
    public const string ProductName = "AdminPortal";

    // Per instance: the template files shipped with the app, read once; nothing another instance needs to see.
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static (string Html, string Text) Render(string name, IReadOnlyDictionary<string, string> values) =>
        (Fill(Load(name + ".html"), values, WebUtility.HtmlEncode), Fill(Load(name + ".txt"), values, v => v));

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, Func<string, string> encode) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value)
            ? encode(value)
            : throw new InvalidOperationException($"The email template has no value for {{{{{match.Groups[1].Value}}}}}."));

    private static string Load(string fileName) => Cache.GetOrAdd(fileName, _ =>
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream($"AdminPortal.Email.Templates.{fileName}")
            ?? throw new InvalidOperationException($"The email template {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex Placeholder();
}
