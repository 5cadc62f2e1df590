using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;

namespace AdminPortal.Tests.Weight;

/// <summary>
/// Pages load no script they do not use (issue 14, "Weight"): no page loads Bootstrap's script bundle (the app's
/// menus are &lt;details&gt; and the status message closes with site.js); suggest.js only with a search box that has
/// suggestions; jQuery and its validation only with a form that has validation rules (and always with a posted one);
/// theme.js only with the theme switch. Every page a person reaches by the navigation, signed in and not, is read.
/// </summary>
public sealed class PageScriptTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string[] Scripts(IDocument page) =>
        [.. page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)];

    private static bool Loads(IDocument page, string file) =>
        Scripts(page).Any(src => src.Split('?')[0].Contains(file, StringComparison.Ordinal));

    private static void CheckScripts(IDocument page, string url)
    {
        var scripts = string.Join(", ", Scripts(page));
        Assert.False(Loads(page, "bootstrap.bundle"), $"{url} loads Bootstrap's script bundle: {scripts}");
        Assert.False(Loads(page, "bootstrap.js") || Loads(page, "bootstrap.min.js"), $"{url} loads Bootstrap's script: {scripts}");

        var suggests = page.QuerySelector("[data-suggest-url]") is not null;
        Assert.True(suggests == Loads(page, "/js/suggest"), $"{url}: suggestions {(suggests ? "without" : "not used but")} suggest.js: {scripts}");

        // A form that posts and has rules validates on the client too; a filter form (get) is checked by the server
        // alone, and its data-val attributes need no script.
        var validates = page.QuerySelector("form[method=post] [data-val='true']") is not null;
        var hasRules = page.QuerySelector("form [data-val='true']") is not null;
        Assert.True(!validates || Loads(page, "jquery.validate.min"), $"{url}: a validated form without jquery.validate: {scripts}");
        Assert.True(hasRules || !Loads(page, "jquery.validate.min"), $"{url}: jquery.validate without a validated form: {scripts}");
        Assert.True(Loads(page, "jquery.min") == Loads(page, "jquery.validate.min"), $"{url}: jQuery without validation: {scripts}");

        var theme = page.QuerySelector("[data-theme-form], input[type=radio][name=theme]") is not null;
        Assert.True(theme == Loads(page, "/js/theme"), $"{url}: theme switch {(theme ? "without" : "absent but")} theme.js: {scripts}");
    }

    private static async Task CheckAsync(HttpBrowser browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url} answered {response.StatusCode}");
        CheckScripts(await HttpBrowser.ParseAsync(response), url);
    }

    [Fact]
    public async Task Sign_in_loads_neither_the_bootstrap_bundle_nor_suggest_js_and_the_user_list_loads_suggest_js()
    {
        var visitor = _app.CreateBrowser();
        var signIn = await visitor.GetPageAsync("/Identity/Account/Login");
        Assert.False(Loads(signIn, "bootstrap.bundle"));
        Assert.False(Loads(signIn, "/js/suggest"));
        Assert.True(Loads(signIn, "jquery.validate.min"));
        Assert.True(Loads(signIn, "/js/site"));

        var root = await _app.SignedInAsRootAsync();
        var users = await root.GetPageAsync("/Users");
        Assert.True(Loads(users, "/js/suggest"));
        Assert.False(Loads(users, "jquery.validate.min"));
        Assert.False(Loads(users, "bootstrap.bundle"));
    }

    [Fact]
    public async Task No_page_loads_a_script_it_does_not_use()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var target = await _app.CreateUserAsync($"weight.{id}", Roles.Employee);
        var visitor = _app.CreateBrowser();
        foreach (var url in new[]
        {
            "/Identity/Account/Login", "/Identity/Account/ForgotPassword", "/Identity/Account/RequestAccount",
        })
        {
            await CheckAsync(visitor, url);
        }

        var root = await _app.SignedInAsRootAsync();
        foreach (var url in new[]
        {
            "/", "/Users", $"/Users?q=weight.{id}", "/Users/Create", $"/Users/Details/{target.Id}", $"/Users/Edit/{target.Id}",
            $"/Users/SetPassword/{target.Id}", "/Users/Import", $"/Users/Bulk?bulk=enable&ids={target.Id}", "/Audit", "/Notifications",
            "/Identity/Account/Manage", "/Identity/Account/Manage/ChangePassword", "/Identity/Account/Manage/Email",
            "/Identity/Account/Manage/Theme", "/Identity/Account/Manage/Language", "/Identity/Account/Manage/Sessions",
            "/Identity/Account/Manage/TwoFactorAuthentication", "/Identity/Account/Manage/EnableAuthenticator", "/no-such-page",
        })
        {
            await CheckAsync(root, url);
        }
    }
}
