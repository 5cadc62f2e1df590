using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

public sealed class WebSecurityTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Every page route the app serves, read from the endpoint data source, not a hand-kept list.</summary>
    private List<(string Route, bool AllowsAnonymous)> PageRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            // A route value is filled with 1: an anonymous visitor must be sent away before the page looks it up.
            .Select(e => (System.Text.RegularExpressions.Regex.Replace("/" + e.RoutePattern.RawText!.TrimStart('/'), "{[^}]+}", "1"),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .Distinct()
            .ToList();

    [Fact]
    public async Task Every_page_that_is_not_public_sends_an_anonymous_visitor_to_sign_in()
    {
        var routes = PageRoutes();
        Assert.Contains(routes, r => r.Route == "/Identity/Account/Manage/ChangePassword");
        Assert.Contains(routes, r => r.Route == "/Audit/Details/1");
        using var browser = _app.CreateBrowser();
        foreach (var (route, allowsAnonymous) in routes.Where(r => !r.AllowsAnonymous))
        {
            var response = await browser.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{route} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Identity/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public void Only_sign_in_the_reset_wizard_error_pages_and_sign_out_are_public()
    {
        var publicRoutes = PageRoutes().Where(r => r.AllowsAnonymous).Select(r => r.Route).ToList();
        Assert.All(publicRoutes, route => Assert.True(
            route.StartsWith("/Identity/Account/", StringComparison.Ordinal) && !route.Contains("/Manage", StringComparison.Ordinal)
            || route is "/Error" or "/Identity/Error",
            $"{route} is public"));
    }

    [Theory]
    [InlineData("/Identity/Account/Register")]
    [InlineData("/Identity/Account/RegisterConfirmation")]
    [InlineData("/Identity/Account/ExternalLogin")]
    [InlineData("/Identity/Account/ResetPassword")]
    [InlineData("/Identity/Account/ConfirmEmail")]
    [InlineData("/Identity/Account/Manage/DeletePersonalData")]
    [InlineData("/Identity/Account/Manage/PersonalData")]
    [InlineData("/Identity/Account/Manage/ExternalLogins")]
    public async Task Identity_pages_that_would_bypass_the_rules_are_gone(string route)
    {
        using var browser = await _app.SignedInAsRootAsync();
        var response = await browser.GetAsync(route);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Static_files_linked_by_the_sign_in_page_are_served_to_anonymous_visitors()
    {
        using var browser = _app.CreateBrowser();
        var page = await browser.GetPageAsync("/Identity/Account/Login");
        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains(assets, a => a.Contains("bootstrap", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await browser.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_health_check_is_public_and_checks_the_database()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_security_headers()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.GetAsync("/Identity/Account/Login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());

        var second = await browser.GetAsync("/Identity/Account/Login");
        Assert.NotEqual(csp, second.Headers.GetValues("Content-Security-Policy").Single());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html); // no CDN: everything is served locally
        Assert.DoesNotContain(" style=\"", html);
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_http_only_and_same_site()
    {
        using var browser = _app.CreateBrowser();
        var login = await browser.GetAsync("/Identity/Account/Login");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AdminPortal.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("httponly", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        var signIn = await browser.SignInAsync("root", AppFactory.RootPassword);
        var session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AdminPortal.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404()
    {
        using var browser = await _app.SignedInAsRootAsync();
        var response = await browser.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_failure_shows_a_friendly_500_without_a_stack_trace()
    {
        await using var failing = new FailingSignInFactory();
        using var browser = failing.CreateBrowser();
        var response = await browser.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("secret detail", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain(nameof(SignInService), html);
    }

    [Fact]
    public async Task The_home_page_tells_a_signed_in_user_who_they_are_and_what_they_can_do()
    {
        await _app.CreateUserAsync("vera", Roles.Vendor, "vera-password");
        using var vendor = await _app.SignedInBrowserAsync("vera", "vera-password");
        var vendorHome = await vendor.GetPageAsync("/");
        Assert.Contains("You are signed in as vera with the role Vendor.", vendorHome.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Recent activity", vendorHome.QuerySelector("main")!.TextContent);
        Assert.Contains("Unread notifications", vendorHome.QuerySelector("main")!.TextContent);

        using var root = await _app.SignedInAsRootAsync();
        var rootHome = await root.GetPageAsync("/");
        Assert.Contains("with the role Root.", rootHome.QuerySelector("main")!.TextContent);
        Assert.Contains("Recent activity", rootHome.QuerySelector("main")!.TextContent);
        Assert.Equal("Root", rootHome.QuerySelector("#user-menu")!.TextContent.Trim());
        var menu = rootHome.QuerySelector("[aria-labelledby=user-menu]")!;
        Assert.NotNull(menu.QuerySelector("a[href='/Identity/Account/Manage/ChangePassword']"));
        Assert.NotNull(menu.QuerySelector("form[method=post][action='/Identity/Account/Logout']"));
    }

    private sealed class FailingSignInFactory : AppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
                services.AddScoped<SignInService>(_ => throw new InvalidOperationException("secret detail")));
        }
    }
}
