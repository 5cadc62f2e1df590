using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AdminPortal.Tests.Browser;

/// <summary>
/// One test's browser context and page. It records what the browser reports as broken — script errors, content
/// security policy refusals, failed sub-resources — and every <see cref="CheckAsync"/> fails on them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly Screens _screens;
    private readonly List<string> _errors = [];

    public BrowserSession(IBrowserContext context, IPage page, BrowserApp app, Screens screens)
    {
        Context = context;
        Page = page;
        App = app;
        _screens = screens;
        page.Console += (_, message) =>
        {
            // A failed load is reported below with its address; the main document's own 404 is the point of error pages.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                Record($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"script error: {error}");
        page.RequestFailed += (_, request) => Record($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                Record($"{response.Status} for {response.Request.ResourceType} {response.Url}");
            }
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public BrowserApp App { get; }

    /// <summary>Fails on what the browser reported, then scans and photographs the page in both themes.</summary>
    public async Task CheckAsync(string name)
    {
        // Not Page.WaitForLoadStateAsync: Playwright for .NET looks at the load states it has been told of and only
        // then subscribes to the next one, with no lock between, while its connection thread delivers events. A "load"
        // that arrives in that gap is lost and the wait runs out after 15 s (the flake of issue 11, seen when a check
        // starts right after the page's text appeared and before its stylesheets finished). The page's own readyState
        // is polled inside the page, so nothing can be missed.
        await Page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        lock (_errors)
        {
            Assert.True(_errors.Count == 0, $"The browser reported on page '{name}' ({Page.Url}):\n" + string.Join("\n", _errors));
        }
        var text = await Page.Locator("body").InnerTextAsync();
        Assert.False(text.Contains("<<<<<<<", StringComparison.Ordinal) || text.Contains(">>>>>>>", StringComparison.Ordinal),
            $"Page '{name}' shows merge-conflict markers.");
        await _screens.CheckAsync(Page, name);
    }

    public async Task<IResponse> GotoAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        return response;
    }

    /// <summary>Signs in through the sign-in page and waits to leave it.</summary>
    public async Task SignInAsync(string login, string password)
    {
        await GotoAsync("/Identity/Account/Login");
        await FillSignInAsync(login, password);
        await Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
    }

    public async Task FillSignInAsync(string login, string password)
    {
        await Page.GetByLabel("User name or email").FillAsync(login);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Opens the user menu and signs out (a POST with the antiforgery token, like a person would).</summary>
    public async Task SignOutAsync()
    {
        await Page.Locator("#user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Identity/Account/Login"));
    }

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
