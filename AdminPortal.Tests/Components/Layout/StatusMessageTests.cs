using AdminPortal.Components.Layout;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Tests.Components.Layout;

public sealed class StatusMessageTests : BunitContext
{
    public StatusMessageTests()
    {
        Services.AddLocalization();
    }

    [Fact]
    public void A_success_message_is_a_dismissible_status()
    {
        var cut = Render<StatusMessage>(p => p.Add(c => c.Message, "Saved."));
        cut.MarkupMatches("""
            <div class="alert alert-success alert-dismissible" role="status">
              Saved.
              <button type="button" class="btn-close" data-dismiss-alert hidden aria-label="Close"></button>
            </div>
            """);
    }

    [Fact]
    public void A_message_starting_with_Error_is_an_alert()
    {
        var cut = Render<StatusMessage>(p => p.Add(c => c.Message, "Error: could not save."));
        Assert.Equal("alert", cut.Find("div").GetAttribute("role"));
        Assert.Contains("alert-danger", cut.Find("div").ClassList);
    }

    [Fact]
    public void No_message_renders_nothing()
    {
        var cut = Render<StatusMessage>(p => p.Add(c => c.Message, null));
        Assert.Empty(cut.Markup.Trim());
    }
}
