using Bunit;

namespace AdminPortal.Tests.Pages.Shared;

public sealed class NotificationBellTests(PartialViewTests.App app) : PartialViewTests(app)
{
    [Theory]
    [InlineData(0, "Notifications, none unread")]
    [InlineData(1, "Notifications, 1 unread")]
    [InlineData(3, "Notifications, 3 unread")]
    public async Task The_accessible_name_says_how_many_are_unread(int count, string name)
    {
        var cut = await RenderAsync("_NotificationBell", count);
        var link = cut.Find("a");
        Assert.Equal(name, link.GetAttribute("aria-label"));
        Assert.Equal("/Notifications", link.GetAttribute("href"));
        Assert.Equal("true", cut.Find("svg").GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task No_badge_when_nothing_is_unread()
    {
        var cut = await RenderAsync("_NotificationBell", 0);
        Assert.Empty(cut.FindAll(".notification-count"));
    }

    [Fact]
    public async Task The_badge_shows_the_count_hidden_from_screen_readers_and_caps_at_99()
    {
        var cut = await RenderAsync("_NotificationBell", 7);
        cut.Find(".notification-count").MarkupMatches("""<span class="badge rounded-pill text-bg-danger notification-count" aria-hidden="true">7</span>""");
        var many = await RenderAsync("_NotificationBell", 150);
        Assert.Equal("99+", many.Find(".notification-count").TextContent);
        Assert.Equal("Notifications, 150 unread", many.Find("a").GetAttribute("aria-label"));
    }
}
