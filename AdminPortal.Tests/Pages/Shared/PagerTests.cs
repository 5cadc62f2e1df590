using AdminPortal.Infrastructure;
using AngleSharp.Dom;

namespace AdminPortal.Tests.Pages.Shared;

public sealed class PagerTests(PartialViewTests.App app) : PartialViewTests(app)
{
    private Task<IDocument> RenderPager(int page, int count) =>
        RenderAsync("_Pager", new Pager(page, count, n => $"/Users?q=ann&page={n}"));

    private static string[] Texts(IDocument cut) =>
        [.. cut.QuerySelectorAll("li:not(.pager-status)").Select(li => li.TextContent.Trim())];

    [Fact]
    public async Task On_the_first_page_first_and_previous_are_disabled()
    {
        var cut = await RenderPager(1, 20);
        Assert.Equal(["First", "Previous", "1", "2", "3", "4", "5", "Next", "Last"], Texts(cut));
        var items = cut.FindAll("li:not(.pager-status)");
        Assert.Contains("disabled", items[0].ClassList);
        Assert.Contains("disabled", items[1].ClassList);
        Assert.Empty(items[0].QuerySelectorAll("a"));
        Assert.Equal("page", items[2].GetAttribute("aria-current"));
        Assert.Equal("/Users?q=ann&page=2", cut.Find("a[aria-label='Next page']").GetAttribute("href"));
        Assert.Equal("/Users?q=ann&page=20", cut.Find("a[aria-label='Last page']").GetAttribute("href"));
    }

    [Fact]
    public async Task A_middle_page_is_centred_in_the_window()
    {
        var cut = await RenderPager(10, 20);
        Assert.Equal(["First", "Previous", "8", "9", "10", "11", "12", "Next", "Last"], Texts(cut));
        var current = cut.Find("li[aria-current='page']");
        Assert.Equal("10", current.TextContent.Trim());
        Assert.Contains("active", current.ClassList);
        Assert.Single(cut.FindAll("[aria-current]"));
        Assert.Equal("/Users?q=ann&page=9", cut.Find("a[aria-label='Previous page']").GetAttribute("href"));
        Assert.Equal("/Users?q=ann&page=1", cut.Find("a[aria-label='First page']").GetAttribute("href"));
    }

    [Fact]
    public async Task On_the_last_page_next_and_last_are_disabled()
    {
        var cut = await RenderPager(20, 20);
        Assert.Equal(["First", "Previous", "16", "17", "18", "19", "20", "Next", "Last"], Texts(cut));
        var items = cut.FindAll("li:not(.pager-status)");
        Assert.Contains("disabled", items[^1].ClassList);
        Assert.Contains("disabled", items[^2].ClassList);
        Assert.Equal("page", items[^3].GetAttribute("aria-current"));
    }

    [Fact]
    public async Task One_page_renders_no_pager()
    {
        Assert.Empty((await MarkupAsync("_Pager", new Pager(1, 1, n => $"/Users?page={n}"))).Trim());
        Assert.Empty((await MarkupAsync("_Pager", new Pager(1, 0, n => $"/Users?page={n}"))).Trim());
    }

    [Fact]
    public async Task Thousands_of_pages_still_give_a_bounded_number_of_links()
    {
        var cut = await RenderPager(5000, 100_000);
        Assert.Equal(["First", "Previous", "4998", "4999", "5000", "5001", "5002", "Next", "Last"], Texts(cut));
        Assert.Equal(8, cut.FindAll("a").Count);
        Assert.Equal("/Users?q=ann&page=100000", cut.Find("a[aria-label='Last page']").GetAttribute("href"));
    }

    [Fact]
    public async Task Few_pages_show_them_all()
    {
        var cut = await RenderPager(2, 3);
        Assert.Equal(["First", "Previous", "1", "2", "3", "Next", "Last"], Texts(cut));
    }

    [Fact]
    public async Task The_phone_status_says_the_page_and_the_count_only_when_it_is_known()
    {
        Assert.Equal("Page 4,998 of 100,000", (await RenderPager(4998, 100_000)).Find("li.pager-status").TextContent.Trim());
        var capped = await RenderAsync("_Pager", new Pager(2, 3, n => $"/Users?page={n}", IsLastKnown: false));
        Assert.Equal("Page 2", capped.Find("li.pager-status").TextContent.Trim());
        Assert.Empty(capped.FindAll("a[aria-label='Last page']"));
    }
}
