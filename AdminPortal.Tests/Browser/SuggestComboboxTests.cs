using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AdminPortal.Tests.Browser;

/// <summary>suggest.js in a real Chromium against the app on Kestrel: the audit log's actor filter as a combobox.</summary>
public sealed class SuggestComboboxTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly AppFactory _app = new DevelopmentAppFactory();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    /// <summary>Static files are served from the build output only in Development (TOOLCHAIN.md), and a browser needs them.</summary>
    private sealed class DevelopmentAppFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }
        _app.UseKestrel(0);
        _app.StartServer();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await _app.CreateUserAsync("acme.vendor", Roles.Vendor, email: "sales@acme.example");
        await _app.CreateUserAsync("acme.admin", Roles.Admin, email: "it@acme.example");
        await _app.CreateUserAsync("acme.employee", Roles.Employee);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<IPage> AuditPageAsync()
    {
        Assert.SkipUnless(_browser is not null, $"Chromium is not installed at {Chromium}.");
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync($"{_baseUrl}/Identity/Account/Login");
        await page.FillAsync("[name='Input.Login']", "root");
        await page.FillAsync("[name='Input.Password']", AppFactory.RootPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync($"{_baseUrl}/");
        await page.GotoAsync($"{_baseUrl}/Audit");
        Assert.True(errors.Count == 0, string.Join("\n", errors)); // e.g. a CSP violation would show here
        return page;
    }

    [Fact]
    public async Task Typing_offers_active_vendors_and_admins_and_the_keyboard_picks_one()
    {
        var page = await AuditPageAsync();
        var input = page.Locator("input[name=Actor]");
        Assert.Equal("combobox", await input.GetAttributeAsync("role"));
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        var listId = await input.GetAttributeAsync("aria-controls");

        await input.PressSequentiallyAsync("acme");
        var options = page.Locator($"#{listId} [role=option]");
        await Assertions.Expect(options).ToHaveCountAsync(2);
        Assert.Equal("true", await input.GetAttributeAsync("aria-expanded"));
        Assert.Equal("listbox", await page.Locator($"#{listId}").GetAttributeAsync("role"));
        Assert.Contains("acme.admin", await options.Nth(0).TextContentAsync());

        await input.PressAsync("ArrowDown");
        await input.PressAsync("ArrowDown");
        Assert.Equal(await options.Nth(1).GetAttributeAsync("id"), await input.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await options.Nth(1).GetAttributeAsync("aria-selected"));

        await input.PressAsync("Enter");
        Assert.Equal("acme.vendor", await input.InputValueAsync());
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        Assert.Null(await input.GetAttributeAsync("aria-activedescendant"));
        Assert.EndsWith("/Audit", page.Url); // Enter picked the option, it did not submit the form

        await input.PressAsync("Enter"); // with the list closed, Enter submits the filter as without JavaScript
        await page.WaitForURLAsync(url => url.Contains("Actor=acme.vendor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escape_closes_the_list_and_arrow_up_wraps_to_the_last_option()
    {
        var page = await AuditPageAsync();
        var input = page.Locator("input[name=Actor]");
        var listId = await input.GetAttributeAsync("aria-controls");
        await input.PressSequentiallyAsync("ACME.");
        var options = page.Locator($"#{listId} [role=option]");
        await Assertions.Expect(options).ToHaveCountAsync(2);

        await input.PressAsync("ArrowUp");
        Assert.Equal(await options.Nth(1).GetAttributeAsync("id"), await input.GetAttributeAsync("aria-activedescendant"));
        await input.PressAsync("Escape");
        Assert.Equal("false", await input.GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator($"#{listId}").IsHiddenAsync());
        Assert.Equal("ACME.", await input.InputValueAsync());
    }
}
