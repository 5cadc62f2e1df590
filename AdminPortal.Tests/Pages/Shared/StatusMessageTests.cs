using Bunit;

namespace AdminPortal.Tests.Pages.Shared;

public sealed class StatusMessageTests(PartialViewTests.App app) : PartialViewTests(app)
{
    [Fact]
    public async Task A_success_message_is_a_dismissible_status()
    {
        var markup = await MarkupAsync("_StatusMessage", "Saved.");
        markup.MarkupMatches("""
            <div class="alert alert-success alert-dismissible" role="status">
              Saved.
              <button type="button" class="btn-close" data-dismiss-alert hidden aria-label="Close"></button>
            </div>
            """);
    }

    [Fact]
    public async Task A_message_starting_with_Error_is_an_alert()
    {
        var cut = await RenderAsync("_StatusMessage", "Error: could not save.");
        Assert.Equal("alert", cut.Find("div").GetAttribute("role"));
        Assert.Contains("alert-danger", cut.Find("div").ClassList);
    }

    [Fact]
    public async Task No_message_renders_nothing()
    {
        Assert.Empty((await MarkupAsync("_StatusMessage", null)).Trim());
    }
}
