using AdminPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// One app and one headless Chromium shared by every browser test class (the "Browser" collection); each test
/// gets a browser context of its own. Chromium is Debian's (<c>apt-get install -y chromium</c>): nothing is ever
/// downloaded. Without it the tests are skipped, or fail under CI=true (see <see cref="RequireBrowser"/>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "ADMINPORTAL_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    // Without the network switches Chromium keeps calling hosts this machine cannot reach (TOOLCHAIN.md).
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private static int _nextClientAddress;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : DefaultChromium;

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    /// <summary>The shared app: root / <see cref="Infrastructure.AppFactory.RootPassword"/>.</summary>
    public BrowserApp App { get; } = new();

    public Screens Screens { get; } = new();

    /// <summary>The shared app's mail server: every message the app sends over SMTP lands here.</summary>
    public SmtpTestServer Smtp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Unavailable = $"Browser tests need Chromium at {ChromiumPath} (set {ChromiumVariable} to use another path). " +
                "Install it with `apt-get install -y chromium`.";
            return;
        }
        Smtp = await SmtpTestServer.StartAsync();
        App.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", Smtp.PortText);
        App.Start();
        // Generous waits: a 2-core machine running the rest of the suite beside Chromium is slow, and a wait ends as soon
        // as it is met (only a failing test waits the whole time).
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// Skips the calling test when Chromium is missing, with the way to install it; under CI=true fails it instead,
    /// so a CI machine without Chromium cannot pass by skipping every browser test.
    /// </summary>
    public void RequireBrowser()
    {
        if (Unavailable is null)
        {
            return;
        }
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true and Chromium is missing. {Unavailable}");
        }
        Assert.Skip(Unavailable);
    }

    /// <summary>
    /// A fresh browser context (own cookies, own client address) on the given app, or the shared one; the browser's
    /// language (its Accept-Language) is <paramref name="locale"/>.
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync(BrowserApp? app = null, string locale = "en-US", bool javaScript = true,
        ViewportSize? viewport = null)
    {
        RequireBrowser();
        app ??= App;
        var n = Interlocked.Increment(ref _nextClientAddress);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.Address.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? Screens.Desktop,
            JavaScriptEnabled = javaScript,
            Locale = locale,
            TimezoneId = "UTC",
            ColorScheme = ColorScheme.Light,
            // Every context is a client of its own, so the per-address rate limits of one test do not hit the next.
            ExtraHTTPHeaders = new Dictionary<string, string> { [Infrastructure.AppFactory.ClientAddressHeader] = $"10.200.{n / 250}.{n % 250 + 1}" },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, app, Screens);
    }

    /// <summary>Another app of the test's own, for what needs a different configuration (e.g. a first boot).</summary>
    public BrowserApp StartApp(Action<BrowserApp> configure)
    {
        RequireBrowser();
        var app = new BrowserApp();
        configure(app);
        return app.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await App.DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
