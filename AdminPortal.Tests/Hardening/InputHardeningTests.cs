using System.Net;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.PasswordReset;
using AdminPortal.Tests.Users;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Hardening;

/// <summary>Each input that answered 500 in issue 10, now answered as a refused form field or an unknown route.</summary>
public sealed class InputHardeningTests(InputHardeningTests.App app) : IClassFixture<InputHardeningTests.App>
{
    public sealed class App : AppFactory
    {
        public const string Proxy = "203.0.113.10";

        public App() => With("AdminPortal:KnownProxies:0", Proxy);
    }

    private readonly AppFactory _app = app;

    /// <summary>A form's fields with some replaced (every field of that name goes, the given values come in its place).</summary>
    private static List<KeyValuePair<string, string>> With(IHtmlFormElement form, params (string Name, string Value)[] values) =>
        [.. HttpBrowser.FieldsOf(form).Where(f => values.All(v => v.Name != f.Key)),
            .. values.Select(v => KeyValuePair.Create(v.Name, v.Value))];

    private static async Task<IHtmlDocument> RefusedFormAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpBrowser.ParseAsync(response);
    }

    [Fact]
    public async Task A_checkbox_posted_as_yes_on_sign_in_is_a_field_error_and_keeps_what_was_typed()
    {
        using var browser = _app.CreateBrowser();
        var form = HttpBrowser.FindForm(await browser.GetPageAsync("/Identity/Account/Login"));
        var page = await RefusedFormAsync(await browser.PostBodyAsync("/Identity/Account/Login", HttpBrowser.FormBody(
            With(form, ("Input.Login", "someone"), ("Input.Password", "a password"), ("Input.RememberMe", "yes")))));
        Assert.Equal("The value entered for Keep me signed in on this device is not valid.", page.FieldError("Input.RememberMe"));
        Assert.Equal("someone", page.FieldValue("Input.Login"));
        Assert.Equal("", page.FieldValue("Input.Password"));
    }

    [Fact]
    public async Task A_checkbox_posted_as_on_on_set_password_and_edit_is_a_field_error_and_keeps_what_was_typed()
    {
        var user = await _app.CreateUserAsync("checkbox.target");
        using var root = await _app.SignedInAsRootAsync();

        var setPassword = $"/Users/SetPassword/{user.Id}";
        var form = HttpBrowser.FindForm(await root.GetPageAsync(setPassword));
        var page = await RefusedFormAsync(await root.PostBodyAsync(setPassword, HttpBrowser.FormBody(With(form,
            ("Input.Password", "new-password-1"), ("Input.ConfirmPassword", "new-password-1"), ("Input.MustChangePassword", "on")))));
        Assert.Equal("The value entered for Must change the password at next sign-in is not valid.", page.FieldError("Input.MustChangePassword"));

        var edit = $"/Users/Edit/{user.Id}";
        form = HttpBrowser.FindForm(await root.GetPageAsync(edit));
        page = await RefusedFormAsync(await root.PostBodyAsync(edit, HttpBrowser.FormBody(With(form,
            ("Input.DisplayName", "A new name"), ("Input.MustChangePassword", "on")))));
        Assert.Equal("The value entered for Must change the password at next sign-in is not valid.", page.FieldError("Input.MustChangePassword"));
        Assert.Equal("A new name", page.FieldValue("Input.DisplayName"));
        Assert.Equal("checkbox.target display", (await _app.FindAsync("checkbox.target"))!.DisplayName);
    }

    [Fact]
    public async Task A_search_holding_a_NUL_finds_nothing_instead_of_failing()
    {
        await _app.CreateUserAsync("abcdef.nul");
        using var root = await _app.SignedInAsRootAsync();
        Assert.Contains("abcdef.nul", (await root.GetPageAsync("/Users?q=abcdef")).QuerySelector("main")!.TextContent);
        foreach (var q in new[] { "abc%00def", "abcdef%00", "%00", "a%00", "%22%00%22", "%00abc" })
        {
            var page = await root.GetPageAsync($"/Users?q={q}");
            Assert.DoesNotContain("abcdef.nul", page.QuerySelector("main")!.TextContent);
        }
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    [InlineData("from=9999-12-31&to=9999-12-31")]
    public async Task The_audit_log_takes_dates_at_the_calendars_edges(string query)
    {
        using var root = await _app.SignedInAsRootAsync();
        var page = await root.GetPageAsync($"/Audit?{query}");
        var export = await root.GetAsync($"/Audit?handler=Export&{query}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        if (!query.StartsWith("from=9999", StringComparison.Ordinal))
        {
            Assert.NotEmpty(page.QuerySelectorAll("main table tbody tr"));
            Assert.True((await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length > 1);
        }
    }

    [Fact]
    public async Task A_post_with_a_valid_token_that_no_handler_takes_is_an_unknown_route()
    {
        var user = await _app.CreateUserAsync("handler.target");
        using var root = await _app.SignedInAsRootAsync();
        var token = HttpBrowser.FieldsOf(HttpBrowser.FindForm(await root.GetPageAsync("/Identity/Account/Manage/Theme")))
            .Single(f => f.Key == "__RequestVerificationToken");
        var auditId = await _app.WithDbAsync(db => db.AuditEntries.Select(e => e.Id).FirstAsync());

        async Task<HttpResponseMessage> PostAsync(string url) => await root.PostBodyAsync(url, HttpBrowser.FormBody([token]));

        // No POST handler at all: the method is not allowed.
        foreach (var url in new[] { "/Identity/Account/Manage", $"/Audit/Details/{auditId}", "/Audit", "/Users" })
        {
            var response = await PostAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{url} answered {(int)response.StatusCode}");
            Assert.Equal("GET, HEAD, POST", response.Content.Headers.Allow.Count > 0
                ? string.Join(", ", response.Content.Headers.Allow) : response.Headers.GetValues("Allow").Single());
        }
        // POST handlers, but none by that name (or none without a name): no such route.
        foreach (var url in new[] { "/Notifications", $"/Users/Details/{user.Id}", $"/Users/Details/{user.Id}?handler=Nope", "/Notifications?handler=Nope" })
        {
            var response = await PostAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync($"/Users/Details/{user.Id}?handler=Nope")).StatusCode);
    }

    [Theory]
    [InlineData("/Error")]
    [InlineData("/Error?code=abc")]
    [InlineData("/Error?code=99999")]
    [InlineData("/Error?code=-1")]
    [InlineData("/Error?code=500")]
    [InlineData("/Error?code=403")]
    public async Task The_error_page_opened_directly_is_not_found(string url)
    {
        using var browser = _app.CreateBrowser();
        foreach (var response in new[] { await browser.GetAsync(url), await browser.Client.PostAsync(url, new FormUrlEncodedContent([])) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var page = await HttpBrowser.ParseAsync(response);
            Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        }
    }

    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Methods_other_than_get_head_and_post_on_pages_are_not_allowed(string method)
    {
        using var anonymous = _app.CreateBrowser();
        using var root = await _app.SignedInAsRootAsync();
        foreach (var (browser, url) in new[] { (anonymous, "/Users"), (anonymous, "/Identity/Account/Login"), (root, "/Users"), (root, "/") })
        {
            var response = await browser.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {url} answered {(int)response.StatusCode}");
            Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
        }
    }

    [Fact]
    public async Task HSTS_is_sent_behind_a_known_proxy_forwarding_https_and_not_over_plain_http()
    {
        async Task<bool> SendsHstsAsync(string clientAddress, string? forwardedProto)
        {
            using var browser = _app.CreateBrowser(clientAddress);
            var request = new HttpRequestMessage(HttpMethod.Get, "http://portal.example.com/Identity/Account/Login");
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            }
            var response = await browser.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return response.Headers.Contains("Strict-Transport-Security");
        }

        Assert.True(await SendsHstsAsync(App.Proxy, "https"));
        Assert.False(await SendsHstsAsync(App.Proxy, null));
        Assert.False(await SendsHstsAsync(App.Proxy, "http"));
        Assert.False(await SendsHstsAsync("198.51.100.7", "https")); // not a known proxy: its header is not believed
    }

    [Fact]
    public async Task Over_https_the_temp_data_antiforgery_and_reset_wizard_cookies_are_secure()
    {
        await _app.CreateUserAsync("secure.cookies");
        using var browser = _app.CreateBrowser();
        browser.Client.BaseAddress = new Uri("https://portal.example.com/");

        var signIn = await browser.SignInAsync("secure.cookies", "password-123");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var signOut = await browser.SubmitFormAsync("/Identity/Account/Logout");
        var reset = await browser.RequestCodeAsync("secure.cookies@example.com");

        var cookies = new[] { signIn, signOut, reset }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var v) ? v : []).ToList();
        foreach (var name in new[] { "AdminPortal.Session=", ".AspNetCore.Mvc.CookieTempDataProvider=", "AdminPortal.PasswordReset=" })
        {
            var cookie = cookies.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal) && !c.StartsWith(name + ";", StringComparison.Ordinal));
            Assert.True(cookie is not null, $"No {name} cookie in: {string.Join(" | ", cookies)}");
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        }
        using var fresh = _app.CreateBrowser();
        var login = await fresh.GetAsync("https://portal.example.com/Identity/Account/Login");
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AdminPortal.Antiforgery=", StringComparison.Ordinal)
            && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Behind_a_known_proxy_forwarding_https_cookies_are_secure()
    {
        using var browser = _app.CreateBrowser(App.Proxy);
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var login = await browser.GetAsync("/Identity/Account/Login");
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AdminPortal.Antiforgery=", StringComparison.Ordinal)
            && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }
}
