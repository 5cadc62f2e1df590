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

    [Fact]
    public void Every_form_shows_its_errors_through_FormErrors_so_one_error_is_a_sentence_everywhere()
    {
        // ASP.NET Core's own summary renders one error as a one-item list.
        var own = Localization.LocalizationKeys.SourceFiles()
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) && !f.EndsWith("_FormErrors.cshtml", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("asp-validation-summary", StringComparison.Ordinal))
            .ToList();
        Assert.True(own.Count == 0, "These pages use asp-validation-summary instead of the _FormErrors partial: " + string.Join(", ", own));
    }
}
