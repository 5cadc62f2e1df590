namespace AdminPortal.Sessions;

/// <summary>
/// A session's browser in words ("Chrome on Windows", "Safari on iPhone") read from its User-Agent header. Only the
/// common browsers and systems are named; anything else is an unknown browser. The names are product names, the same
/// in every language; the words around them ("on", "Unknown browser") are localized where they are shown.
/// </summary>
public readonly record struct BrowserDescription(string? Browser, string? Platform)
{
    /// <summary>English words, for logs and the audit log (which stores text as it was).</summary>
    public override string ToString() => (Browser, Platform) switch
    {
        ({ } browser, { } platform) => $"{browser} on {platform}",
        ({ } browser, null) => browser,
        (null, { } platform) => $"Unknown browser on {platform}",
        _ => "Unknown browser",
    };

    // Order matters: most browsers name the engines they are compatible with (Edge says Chrome and Safari, Chrome
    // says Safari), so the more specific tokens come first.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("Edge/", "Edge"),
        ("OPR/", "Opera"), ("OPiOS/", "Opera"), ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Vivaldi/", "Vivaldi"),
        ("YaBrowser/", "Yandex Browser"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("HeadlessChrome/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("MSIE ", "Internet Explorer"), ("Trident/", "Internet Explorer"),
        ("Version/", "Safari"), // Safari says "Version/17.1 … Safari/605"; other WebKit browsers were matched above
        ("curl/", "curl"), ("Wget/", "Wget"),
    ];

    private static readonly (string Token, string Name)[] Platforms =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("iPod", "iPod"),
        ("Android", "Android"),
        ("Windows Phone", "Windows Phone"), ("Windows", "Windows"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"),
        ("Linux", "Linux"), ("FreeBSD", "FreeBSD"), ("OpenBSD", "OpenBSD"),
    ];

    public static BrowserDescription Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return default;
        }
        var browser = Find(userAgent, Browsers);
        if (browser == "Safari" && !userAgent.Contains("Safari/", StringComparison.Ordinal))
        {
            browser = null; // "Version/" alone is not Safari
        }
        return new BrowserDescription(browser, Find(userAgent, Platforms));
    }

    private static string? Find(string userAgent, (string Token, string Name)[] candidates)
    {
        foreach (var (token, name) in candidates)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }
        return null;
    }
}
