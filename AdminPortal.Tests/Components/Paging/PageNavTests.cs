using AdminPortal.Components.Paging;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Components.Paging;

public sealed class PageNavTests : BunitContext
{
    public PageNavTests()
    {
        Services.AddLocalization();
    }

    [Fact]
    public void Links_keep_the_filters_and_change_only_the_page()
    {
        var cut = Render<PageNav>(p => p
            .Add(c => c.PageNumber, 2)
            .Add(c => c.PageCount, 3)
            .Add(c => c.Path, "/Audit")
            .Add(c => c.Query, new Dictionary<string, string?> { ["actor"] = "al ice", ["action"] = null, ["page"] = "2" }));
        Assert.Equal("/Audit?actor=al%20ice&page=1", cut.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("/Audit?actor=al%20ice&page=3", cut.Find("a[rel=next]").GetAttribute("href"));
        Assert.Equal("Page 2 of 3", cut.Find("[aria-current=page]").TextContent.Trim());
    }

    [Fact]
    public void The_first_and_last_pages_have_no_link_beyond_them()
    {
        var first = Render<PageNav>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageCount, 2).Add(c => c.Path, "/Audit"));
        Assert.Empty(first.FindAll("a[rel=prev]"));
        var last = Render<PageNav>(p => p.Add(c => c.PageNumber, 2).Add(c => c.PageCount, 2).Add(c => c.Path, "/Audit"));
        Assert.Empty(last.FindAll("a[rel=next]"));
    }

    [Fact]
    public void A_single_page_renders_nothing()
    {
        var cut = Render<PageNav>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageCount, 1));
        Assert.Empty(cut.Markup.Trim());
    }
}
