using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Localization;
using AdminPortal.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Tests.Localization;

/// <summary>
/// Every localization key the app uses, found the way a reviewer would: string literals passed to a localizer in the
/// C#, Razor and component sources (<c>L["…"]</c>, <c>localizer["…", …]</c>), data annotation messages and display
/// names by reflection, Identity's error messages by calling the describer, and the labels the app looks up by code
/// (roles, themes, audit actions, reasons and fields, notification details, the audit CSV header, model binding).
/// </summary>
internal static partial class LocalizationKeys
{
    public static readonly string SourceFolder = FindSourceFolder();

    public static string SpanishResourcePath => Path.Combine(SourceFolder, "Resources", "SharedResource.es.resx");

    /// <summary>Key → where it was found (the first place), for the failure messages.</summary>
    public static IReadOnlyDictionary<string, string> Used()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string where) => keys.TryAdd(key, where);

        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(SourceFolder, file);
            foreach (Match match in LocalizerCall().Matches(text))
            {
                Add(Regex.Unescape(match.Groups["key"].Value), $"{relative}:{LineOf(text, match.Index)}");
            }
        }

        foreach (var (key, where) in DataAnnotationKeys())
        {
            Add(key, where);
        }
        foreach (var key in IdentityErrorKeys())
        {
            Add(key, nameof(LocalizedIdentityErrorDescriber));
        }
        foreach (var role in Roles.All)
        {
            Add(Roles.Label(role), "Roles.Label");
        }
        foreach (var theme in ThemeService.Choices)
        {
            Add(ThemeService.Label(theme), "ThemeService.Label");
        }
        foreach (var (name, labels) in new (string, IEnumerable<string>)[]
                 {
                     ("AuditText.ActionLabels", AuditText.ActionLabels.Values),
                     ("AuditText.ReasonLabels", AuditText.ReasonLabels.Values),
                     ("AuditText.FieldLabels", AuditText.FieldLabels.Values),
                     ("AuditText.ValueLabels", AuditText.ValueLabels.Values),
                     ("AuditCsv.Header", AuditCsv.Header),
                     ("NotificationInbox.WhatLabels", NotificationInbox.WhatLabels.Values),
                     ("ModelBindingMessages", ConstantsOf(typeof(ModelBindingMessages))),
                 })
        {
            foreach (var label in labels)
            {
                Add(label, name);
            }
        }
        return keys;
    }

    /// <summary>The Spanish resource file's entries: name → value.</summary>
    public static IReadOnlyDictionary<string, string> Spanish() =>
        XDocument.Load(SpanishResourcePath).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !IsUnder(f, "bin") && !IsUnder(f, "obj") && !IsUnder(f, "Migrations") && !IsUnder(f, "wwwroot"));

    private static IEnumerable<(string Key, string Where)> DataAnnotationKeys()
    {
        var types = typeof(SharedResource).Assembly.GetTypes();
        foreach (var type in types)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var where = $"{type.FullName}.{property.Name}";
                foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
                {
                    if (attribute.ErrorMessage is { } message)
                    {
                        yield return (message, where);
                    }
                }
                if (property.GetCustomAttribute<DisplayAttribute>()?.Name is { } name)
                {
                    yield return (name, where);
                }
            }
        }
    }

    /// <summary>Calls every message of the app's describer with a localizer that writes down what it is asked for.</summary>
    private static IEnumerable<string> IdentityErrorKeys()
    {
        var recorder = new RecordingLocalizer();
        var describer = new LocalizedIdentityErrorDescriber(recorder);
        foreach (var method in DescriberMessages())
        {
            var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)8 : "x").ToArray();
            method.Invoke(describer, arguments);
        }
        return recorder.Keys;
    }

    public static IEnumerable<MethodInfo> DescriberMessages() =>
        typeof(IdentityErrorDescriber).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.ReturnType == typeof(IdentityError));

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static bool IsUnder(string file, string folder) =>
        Path.GetRelativePath(SourceFolder, file).Split(Path.DirectorySeparatorChar).Contains(folder);

    private static string FindSourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "AdminPortal", "AdminPortal.csproj");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }
        throw new InvalidOperationException($"The AdminPortal source folder was not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// A string literal as the first index of a localizer: L["…"], localizer["…", x], Localizer["…"]. The app names
    /// its localizers L (views, components) and localizer (classes).
    /// </summary>
    [GeneratedRegex("""\b(?:L|localizer|Localizer)\[\s*"(?<key>(?:[^"\\]|\\.)*)"\s*[,\]]""")]
    private static partial Regex LocalizerCall();

    private sealed class RecordingLocalizer : IStringLocalizer<SharedResource>
    {
        public List<string> Keys { get; } = [];

        public LocalizedString this[string name] => Record(name);

        public LocalizedString this[string name, params object[] arguments] => Record(name);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];

        private LocalizedString Record(string name)
        {
            Keys.Add(name);
            return new LocalizedString(name, name);
        }
    }
}
