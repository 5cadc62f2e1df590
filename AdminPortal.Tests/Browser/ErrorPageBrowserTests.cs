using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>
    /// Each error page as the status-code pages (or the exception handler) show it: /Error opened directly is a 404, so
    /// an app of this test's own answers the sign-in page with the code asked for in ?answer-with=.
    /// </summary>
    [Fact]
    public async Task Each_error_page_reads_well_in_both_themes()
    {
        await using var app = browser.StartApp(a => a.WithServices(services =>
            services.Configure<MvcOptions>(options => options.Filters.Add(new AnswerWithFilter()))));
        foreach (var (code, title) in new[] { (400, "Bad request"), (403, "Access denied"), (404, "Page not found"),
            (405, "Not allowed"), (429, "Too many requests"), (500, "Something went wrong") })
        {
            await using var session = await browser.NewSessionAsync(app);
            var response = await session.GotoAsync($"/Identity/Account/Login?answer-with={code}");
            Assert.Equal(code, response.Status);
            await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Expect(session.Page.GetByText($"Error {code}")).ToBeVisibleAsync();
            await session.CheckAsync($"error-{code}");
        }
    }

    private sealed class AnswerWithFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            // Not the error page itself: the exception handler shows it with the same query string.
            if (context.ActionDescriptor.ViewEnginePath != "/Account/Login"
                || !int.TryParse(context.HttpContext.Request.Query["answer-with"], out var code))
            {
                return next();
            }
            if (code == 500)
            {
                throw new InvalidOperationException("A failure for the error page test.");
            }
            context.Result = new StatusCodeResult(code);
            return Task.CompletedTask;
        }
    }
}
