using Microsoft.Playwright;

namespace AdminPortal.Tests.Browser;

/// <summary>The page check every browser test relies on finds what it is there to find.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreensTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_with_unreadable_text_and_a_too_wide_box_fails_the_check_naming_both()
    {
        await using var session = await browser.NewSessionAsync();
        await session.Page.SetContentAsync("""
            <!doctype html>
            <html lang="en"><head><title>Self-test</title></head>
            <body><main>
                <h1>Self-test</h1>
                <p id="faint" style="color:#bbb;background:#fff">Pale grey on white</p>
                <div id="wide" style="width:600px">Wider than a phone</div>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => browser.Screens.CheckAsync(session.Page, "self-test.faulty"));

        Assert.Contains("axe serious 'color-contrast'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#faint", failure.Message, StringComparison.Ordinal);
        Assert.Contains("wider than a 390px phone screen: div#wide", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_wider_than_1280_px_fails_the_check_at_that_width_too()
    {
        await using var session = await browser.NewSessionAsync();
        await session.Page.SetContentAsync("""
            <!doctype html>
            <html lang="en"><head><title>Self-test</title></head>
            <body><main>
                <h1>Self-test</h1>
                <div id="wide-box" style="width:1400px">Wider than a computer's window</div>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => browser.Screens.CheckAsync(session.Page, "self-test.too-wide"));

        Assert.Contains("self-test.too-wide.en (light) is", failure.Message, StringComparison.Ordinal);
        Assert.Contains("wider than a 1280px screen: div#wide-box", failure.Message, StringComparison.Ordinal);
        Assert.Contains("self-test.too-wide.en (dark) is", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_page_passes_in_both_themes_and_leaves_its_own_theme_as_it_was()
    {
        await using var session = await browser.NewSessionAsync();
        await session.Page.SetContentAsync("""
            <!doctype html>
            <html lang="en" data-bs-theme="dark"><head><title>Self-test</title></head>
            <body><main><h1>Self-test</h1><p>Plain text.</p></main></body></html>
            """);

        await browser.Screens.CheckAsync(session.Page, "self-test.clean");

        Assert.Equal("dark", await session.Page.Locator("html").GetAttributeAsync("data-bs-theme"));
        Assert.Equal(1280, session.Page.ViewportSize!.Width);
        Assert.True(File.Exists(Path.Combine(Screens.Directory, "self-test.clean.en.dark.390x844.png")));
    }
}
