using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Accounts;

public sealed class ThemeTests : IAsyncLifetime
{
    private const string ThemePage = "/Identity/Account/Manage/Theme";
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password");
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Each_choice_is_stored_and_the_next_page_renders_it()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        foreach (var (choice, attribute) in new[] { (Theme.Dark, "dark"), (Theme.Light, "light"), (Theme.System, null) })
        {
            var response = await browser.SubmitFormAsync(ThemePage, new Dictionary<string, string> { ["theme"] = choice.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(ThemePage, response.Headers.Location!.OriginalString);
            Assert.Equal(choice, await StoredThemeAsync("alice"));

            var page = await browser.FollowAsync(response);
            Assert.Equal($"Theme set to {choice}.", page.StatusMessage());
            Assert.Equal(attribute, page.DocumentElement.GetAttribute("data-bs-theme"));
            Assert.Equal(choice.ToString().ToLowerInvariant(), page.DocumentElement.GetAttribute("data-theme-choice"));
            Assert.Equal(attribute is null, page.QuerySelector("head script[data-theme-resolver]") is not null);
            Assert.True((page.QuerySelector($"#theme-{choice.ToString().ToLowerInvariant()}") as IHtmlInputElement)!.IsChecked);

            var home = await browser.GetPageAsync("/");
            Assert.Equal(attribute, home.DocumentElement.GetAttribute("data-bs-theme"));
        }
    }

    [Fact]
    public async Task System_renders_the_resolving_script_with_the_csp_nonce_and_no_fixed_theme()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.GetAsync("/");
        var page = await HttpBrowser.ParseAsync(response);

        Assert.False(page.DocumentElement.HasAttribute("data-bs-theme"));
        Assert.Equal("system", page.DocumentElement.GetAttribute("data-theme-choice"));
        var script = page.QuerySelector("head script[data-theme-resolver]")!;
        Assert.Contains("prefers-color-scheme: dark", script.TextContent);
        Assert.Contains("addEventListener('change'", script.TextContent);
        // It runs before the stylesheets load and the body is painted.
        var head = page.Head!.Children.ToList();
        Assert.True(head.IndexOf(script) < head.FindIndex(e => e.LocalName == "link"));

        var nonce = script.GetAttribute("nonce");
        Assert.False(string.IsNullOrEmpty(nonce));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", csp);
    }

    [Fact]
    public async Task A_fixed_theme_renders_no_script_in_the_head()
    {
        await SetStoredThemeAsync("alice", Theme.Light);
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var page = await browser.GetPageAsync("/");
        Assert.Equal("light", page.DocumentElement.GetAttribute("data-bs-theme"));
        Assert.Empty(page.Head!.QuerySelectorAll("script"));
        Assert.Equal("light", page.QuerySelector("meta[name=color-scheme]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task Pages_before_sign_in_follow_the_system()
    {
        using var browser = _app.CreateBrowser();
        var page = await browser.GetPageAsync("/Identity/Account/Login");
        Assert.False(page.DocumentElement.HasAttribute("data-bs-theme"));
        Assert.NotNull(page.QuerySelector("head script[data-theme-resolver]"));
        Assert.Null(page.QuerySelector("form[data-theme-form]"));
        Assert.Null(page.QuerySelector("main nav"));
    }

    [Fact]
    public async Task The_quick_switch_returns_to_the_page_the_user_was_on()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var page = await browser.GetPageAsync("/Identity/Account/Manage/Email?from=menu");
        var form = HttpBrowser.FindForm(page, "nav form[data-theme-form]");
        Assert.Equal("/Identity/Account/Manage/Email?from=menu", form.QuerySelector<IHtmlInputElement>("input[name=returnUrl]")!.Value);

        var response = await browser.SubmitAsync(form, submitButton: form.QuerySelector<IHtmlElement>("button[value=Dark]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/Manage/Email?from=menu", response.Headers.Location!.OriginalString);
        var back = await browser.FollowAsync(response);
        Assert.Equal("dark", back.DocumentElement.GetAttribute("data-bs-theme"));
        Assert.Equal("Theme set to Dark.", back.StatusMessage());
        Assert.Equal("true", back.QuerySelector("nav form[data-theme-form] button[value=Dark]")!.GetAttribute("aria-current"));
        Assert.Equal(Theme.Dark, await StoredThemeAsync("alice"));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_not_followed()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await PostThemeAsync(browser, "Dark", returnUrl: "https://evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ThemePage, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_script_gets_json_and_no_flash_message_is_left_for_the_next_page()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await PostThemeAsync(browser, "dark", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"theme":"dark"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(Theme.Dark, await StoredThemeAsync("alice"));
        var next = await browser.GetPageAsync("/");
        Assert.Equal("", next.StatusMessage());
        Assert.Equal("dark", next.DocumentElement.GetAttribute("data-bs-theme"));
    }

    [Theory]
    [InlineData("Purple")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("Dark ")]
    [InlineData(null)]
    public async Task Any_other_value_gives_400_and_changes_nothing(string? value)
    {
        await SetStoredThemeAsync("alice", Theme.Light);
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await PostThemeAsync(browser, value);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bad request", await response.Content.ReadAsStringAsync());
        Assert.Equal(Theme.Light, await StoredThemeAsync("alice"));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountThemeChange)));
    }

    [Fact]
    public async Task A_post_without_an_antiforgery_token_is_refused()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.Client.PostAsync(ThemePage, new FormUrlEncodedContent(new Dictionary<string, string> { ["theme"] = "Dark" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Theme.System, await StoredThemeAsync("alice"));
    }

    [Fact]
    public async Task An_anonymous_post_is_sent_to_sign_in()
    {
        using var browser = _app.CreateBrowser();
        var login = await browser.GetPageAsync("/Identity/Account/Login");
        var token = login.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await browser.Client.PostAsync(ThemePage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["theme"] = "Dark",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task One_users_choice_does_not_affect_another()
    {
        using var alice = await _app.SignedInBrowserAsync("alice", "alice-password");
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        Assert.Equal(HttpStatusCode.Redirect, (await PostThemeAsync(alice, "Dark")).StatusCode);

        Assert.Equal("dark", (await alice.GetPageAsync("/")).DocumentElement.GetAttribute("data-bs-theme"));
        var bobsPage = await bob.GetPageAsync("/");
        Assert.False(bobsPage.DocumentElement.HasAttribute("data-bs-theme"));
        Assert.Equal(Theme.System, await StoredThemeAsync("bob"));
    }

    [Fact]
    public async Task Signing_in_applies_the_stored_theme_at_once_in_a_new_browser()
    {
        using (var first = await _app.SignedInBrowserAsync("alice", "alice-password"))
        {
            await PostThemeAsync(first, "Dark");
        }
        using var second = _app.CreateBrowser();
        Assert.False((await second.GetPageAsync("/Identity/Account/Login")).DocumentElement.HasAttribute("data-bs-theme"));
        var home = await second.FollowAsync(await second.SignInAsync("alice", "alice-password"));
        Assert.Equal("dark", home.DocumentElement.GetAttribute("data-bs-theme"));
    }

    [Fact]
    public async Task Changing_the_theme_is_audited_and_keeps_sessions_and_the_concurrency_stamp()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        using var otherSession = await _app.SignedInBrowserAsync("alice", "alice-password");
        var before = await StampsAsync("alice");

        await PostThemeAsync(browser, "Dark");

        Assert.Equal(before, await StampsAsync("alice"));
        Assert.Equal("dark", (await otherSession.GetPageAsync("/")).DocumentElement.GetAttribute("data-bs-theme"));
        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.AccountThemeChange));
        var alice = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "alice"));
        Assert.Equal(alice.Id, entry.ActorId);
        Assert.Equal(alice.Id, entry.TargetId);
        Assert.True(entry.Succeeded);
        Assert.Contains("System", entry.Changes);
        Assert.Contains("Dark", entry.Changes);
        Assert.False(await _app.WithDbAsync(db => db.Notifications.AnyAsync()));
    }

    [Fact]
    public async Task Choosing_the_current_theme_again_writes_nothing()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await PostThemeAsync(browser, "System");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.AccountThemeChange)));
    }

    [Fact]
    public async Task Error_pages_use_the_accounts_theme_too()
    {
        await SetStoredThemeAsync("alice", Theme.Dark);
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var response = await browser.GetAsync("/no-such-page?x=1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("dark", page.DocumentElement.GetAttribute("data-bs-theme"));
        // The switch brings the person back to the address they are on, not to the error page's own.
        Assert.Equal("/no-such-page?x=1", page.QuerySelector("nav form[data-theme-form] input[name=returnUrl]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_picker_works_while_a_password_change_is_forced()
    {
        // Theme and sign-out are what such an account can use, so the bar keeps them (and nothing else).
        await _app.CreateUserAsync("carol", Roles.Employee, "carol-password", mustChangePassword: true);
        using var browser = await _app.SignedInBrowserAsync("carol", "carol-password");
        var page = await browser.GetPageAsync("/Identity/Account/Manage/ChangePassword");
        Assert.Null(page.QuerySelector("main nav"));
        var form = HttpBrowser.FindForm(page, "nav form[data-theme-form]");

        var response = await browser.SubmitAsync(form, submitButton: form.QuerySelector<IHtmlElement>("button[value=Dark]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/ChangePassword", response.Headers.Location!.OriginalString);
        Assert.Equal(Theme.Dark, await StoredThemeAsync("carol"));
    }

    /// <summary>Posts a raw value with this browser's own antiforgery token, as a hand-made request would.</summary>
    private static async Task<HttpResponseMessage> PostThemeAsync(HttpBrowser browser, string? value, string? returnUrl = null, string? accept = null)
    {
        var page = await browser.GetPageAsync(ThemePage);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector<IHtmlInputElement>("main input[name=__RequestVerificationToken]")!.Value,
        };
        if (value is not null)
        {
            fields["theme"] = value;
        }
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, ThemePage) { Content = new FormUrlEncodedContent(fields) };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }
        return await browser.Client.SendAsync(request);
    }

    private Task<Theme> StoredThemeAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Theme).SingleAsync());

    private Task<int> SetStoredThemeAsync(string userName, Theme theme) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme)));

    private Task<(string?, string?)> StampsAsync(string userName) =>
        _app.WithDbAsync(async db => await db.Users.Where(u => u.UserName == userName)
            .Select(u => new ValueTuple<string?, string?>(u.SecurityStamp, u.ConcurrencyStamp)).SingleAsync());
}
