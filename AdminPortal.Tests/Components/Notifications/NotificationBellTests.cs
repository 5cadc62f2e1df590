using AdminPortal.Components.Notifications;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Notifications;

public sealed class NotificationBellTests : BunitContext
{
    public NotificationBellTests()
    {
        Services.AddLocalization();
    }

    [Theory]
    [InlineData(0, "Notifications, none unread")]
    [InlineData(1, "Notifications, 1 unread")]
    [InlineData(3, "Notifications, 3 unread")]
    public void The_accessible_name_says_how_many_are_unread(int count, string name)
    {
        var cut = Render<NotificationBell>(p => p.Add(c => c.UnreadCount, count));
        var link = cut.Find("a");
        Assert.Equal(name, link.GetAttribute("aria-label"));
        Assert.Equal("/Notifications", link.GetAttribute("href"));
        Assert.Equal("true", cut.Find("svg").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void No_badge_when_nothing_is_unread()
    {
        var cut = Render<NotificationBell>(p => p.Add(c => c.UnreadCount, 0));
        Assert.Empty(cut.FindAll(".notification-count"));
    }

    [Fact]
    public void The_badge_shows_the_count_hidden_from_screen_readers_and_caps_at_99()
    {
        var cut = Render<NotificationBell>(p => p.Add(c => c.UnreadCount, 7));
        cut.Find(".notification-count").MarkupMatches("""<span class="badge rounded-pill text-bg-danger notification-count" aria-hidden="true">7</span>""");
        var many = Render<NotificationBell>(p => p.Add(c => c.UnreadCount, 150));
        Assert.Equal("99+", many.Find(".notification-count").TextContent);
        Assert.Equal("Notifications, 150 unread", many.Find("a").GetAttribute("aria-label"));
    }
}
