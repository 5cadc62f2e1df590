using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Pages.Shared;

/// <summary>A single error of a form is a sentence, not a one-item list; several are a list (issue 14, _FormErrors).</summary>
public sealed class FormErrorsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task One_error_is_a_sentence_not_a_one_item_list()
    {
        await _app.CreateUserAsync("single", password: "single-password");
        using var browser = _app.CreateBrowser();
        var response = await browser.SignInAsync("single", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);

        var summary = page.QuerySelector("main .validation-summary-errors")!;
        Assert.Empty(summary.QuerySelectorAll("ul, ol, li"));
        var sentence = Assert.Single(summary.QuerySelectorAll("p")).TextContent.Trim();
        Assert.Matches(@"^[A-Z].*\.$", sentence);
        Assert.Equal(sentence, summary.TextContent.Trim());
    }
}
