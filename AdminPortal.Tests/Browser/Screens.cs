using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// What every visited page goes through, in light and in dark: an axe scan (serious and critical violations fail
/// the test, naming the rule and the element), a check that nothing is wider than the window, at 1280 px and on a
/// 390 px phone, and screenshots at both sizes under AdminPortal.Tests/artifacts/screenshots, named
/// page.language.theme.size.png (the language is the page's own &lt;html lang&gt;).
/// </summary>
public sealed class Screens
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly string[] Themes = ["light", "dark"];

    // axe-core itself, as Deque ships it. It is run here rather than through Deque.AxeCore.Playwright's RunAxe,
    // which opens a new browser page for every scan to merge per-frame results (2–3 s each; our pages have no
    // frames). Only violations come back, and only the failing ones: the rest is most of axe's answer.
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();
    private const string RunAxe = """
        async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({ target: [n.target].flat(Infinity).join(' '), html: n.html, summary: n.failureSummary ?? '' })),
            })))
        """;

    /// <summary>
    /// The pieces of an element's text between its break points (text nodes between &lt;wbr&gt;s) that were broken across
    /// lines inside themselves: none, when an email breaks only after a dot or before the @.
    /// </summary>
    public static Task<string[]> PiecesBrokenInsideAsync(ILocator element) => element.EvaluateAsync<string[]>(BrokenInside);

    private const string BrokenInside = """
        e => [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).filter(n => {
            const range = document.createRange();
            range.selectNodeContents(n);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
        }).map(n => n.textContent)
        """;

    // The outermost elements that stick out to the right of the window, outside any scrolling container.
    private const string WiderThanTheScreen = """
        () => {
            const width = window.innerWidth;
            const scrolls = e => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(e).overflowX);
            const found = [];
            for (const e of document.body.querySelectorAll('*')) {
                if (e.getBoundingClientRect().right <= width + 1) continue;
                // An absolutely positioned element escapes a scrolling ancestor that is not positioned itself.
                let a = e.parentElement, reported = false;
                let clipped = false, escapes = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
                for (; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).position !== 'static') escapes = false;
                    if (scrolls(a) && !escapes) clipped = true;
                    if (found.includes(a)) reported = true;
                }
                if (!clipped && !reported) found.push(e);
            }
            return found.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') +
                ' (right edge ' + Math.round(e.getBoundingClientRect().right) + 'px)').join(', ');
        }
        """;

    // A page state already checked in this run is not scanned again: the same markup gives the same answer.
    private readonly ConcurrentDictionary<string, bool> _checked = new();

    public static string Directory { get; } = Path.Combine(TestProjectDirectory(), "artifacts", "screenshots");

    public async Task CheckAsync(IPage page, string name)
    {
        var language = await page.EvaluateAsync<string>("() => document.documentElement.lang || 'none'");
        name = $"{name}.{language}";
        if (!_checked.TryAdd(name, true))
        {
            return;
        }
        System.IO.Directory.CreateDirectory(Directory);
        var original = await page.EvaluateAsync<string?>("() => document.documentElement.getAttribute('data-bs-theme')");
        var problems = new StringBuilder();
        try
        {
            foreach (var theme in Themes)
            {
                await SetThemeAsync(page, theme);
                await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
                await ScanAsync(page, $"{name} ({theme})", problems);
                await CheckWidthAsync(page, $"{name} ({theme})", $"a {Desktop.Width}px screen", problems);
                await ShootAsync(page, name, theme, Desktop);
                await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
                await CheckWidthAsync(page, $"{name} ({theme})", $"a {Phone.Width}px phone screen", problems);
                await ShootAsync(page, name, theme, Phone);
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
            await SetThemeAsync(page, original);
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    private static async Task CheckWidthAsync(IPage page, string what, string screen, StringBuilder problems)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            var culprits = await page.EvaluateAsync<string>(WiderThanTheScreen);
            problems.AppendLine($"{what} is {overflow}px wider than {screen}: {culprits}");
        }
    }

    // Bootstrap animates colour changes; the scan and the screenshot must see where they end, not a frame halfway.
    private static Task SetThemeAsync(IPage page, string? theme) => page.EvaluateAsync("""
        t => {
            const root = document.documentElement;
            t === null ? root.removeAttribute('data-bs-theme') : root.setAttribute('data-bs-theme', t);
            document.getAnimations().forEach(a => a.finish());
        }
        """, theme);

    private static async Task ScanAsync(IPage page, string what, StringBuilder problems)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource);
        }
        var violations = JsonSerializer.Deserialize<AxeViolation[]>(await page.EvaluateAsync<string>(RunAxe), JsonSerializerOptions.Web)!;
        foreach (var violation in violations)
        {
            problems.AppendLine($"{what}: axe {violation.Impact} '{violation.Id}': {violation.Help}");
            foreach (var node in violation.Nodes)
            {
                problems.AppendLine($"    at {node.Target}: {node.Html}");
                problems.AppendLine($"       {node.Summary.ReplaceLineEndings(" ")}");
            }
        }
    }

    private sealed record AxeViolation(string Id, string Impact, string Help, AxeNode[] Nodes);

    private sealed record AxeNode(string Target, string Html, string Summary);

    private static Task ShootAsync(IPage page, string name, string theme, ViewportSize size) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Directory, $"{name}.{theme}.{size.Width}x{size.Height}.png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
            Timeout = 60_000, // a full page on a busy 2-core machine
        });

    private static string TestProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdminPortal.Tests.csproj")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}
