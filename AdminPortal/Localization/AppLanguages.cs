using System.Globalization;

namespace AdminPortal.Localization;

/// <summary>
/// The languages AdminPortal speaks, by culture name. Adding one is adding its code here and its resource file
/// (Resources/SharedResource.{code}.resx); see the README.
/// </summary>
public static class AppLanguages
{
    public const string English = "en";
    public const string Spanish = "es";

    public static readonly IReadOnlyList<string> Codes = [English, Spanish];

    public static readonly CultureInfo[] Cultures = [.. Codes.Select(CultureInfo.GetCultureInfo)];

    /// <summary>Only the codes above are accepted (any case); "es-MX", "spanish" and anything else are refused.</summary>
    public static bool TryParse(string? value, out string code)
    {
        var match = Codes.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));
        code = match ?? English;
        return match is not null;
    }

    /// <summary>The supported language of a culture ("es-MX" gives "es"), or English.</summary>
    public static string Of(CultureInfo culture) =>
        TryParse(culture.TwoLetterISOLanguageName, out var code) ? code : English;

    /// <summary>Each language's name in itself, the way language switches show it, so everyone finds their own.</summary>
    public static string NativeName(string code) => code switch
    {
        Spanish => "Español",
        _ => "English",
    };

    /// <summary>
    /// Sets the current culture to <paramref name="language"/> until disposed, for what is written in someone else's
    /// language than the request's (an email goes out in its recipient's).
    /// </summary>
    public static CultureScope Use(string language) => new(CultureInfo.GetCultureInfo(TryParse(language, out var code) ? code : English));

    public readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        internal CultureScope(CultureInfo culture)
        {
            _culture = CultureInfo.CurrentCulture;
            _uiCulture = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
        }
    }
}
