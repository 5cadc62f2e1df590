using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ErrorPageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_unknown_address_shows_the_friendly_404_page()
    {
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync("root", Infrastructure.AppFactory.RootPassword);
        var response = await session.GotoAsync("/no/such/page");
        Assert.Equal(404, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(browser.App.Address.ToString());
    }

    [Theory]
    [InlineData(400, "Bad request")]
    [InlineData(403, "Access denied")]
    [InlineData(404, "Page not found")]
    [InlineData(429, "Too many requests")]
    [InlineData(500, "Something went wrong")]
    public async Task Each_error_page_reads_well_in_both_themes(int code, string title)
    {
        await using var session = await browser.NewSessionAsync();
        var response = await session.GotoAsync($"/Error?code={code}");
        Assert.Equal(code, response.Status);
        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(session.Page.GetByText($"Error {code}")).ToBeVisibleAsync();
        await session.CheckAsync($"error-{code}");
    }
}
