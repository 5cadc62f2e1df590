using AdminPortal.Infrastructure;
using AngleSharp.Dom;
using ThemeChoice = AdminPortal.Data.Theme;

namespace AdminPortal.Tests.Pages.Shared;

public sealed class ThemePickerTests(PartialViewTests.App app) : PartialViewTests(app)
{
    private Task<IDocument> RenderPicker(ThemeChoice current, string? returnUrl = "/Users?page=2") =>
        RenderAsync("_ThemePicker", new QuickSwitch<ThemeChoice>(current, "/Identity/Account/Manage/Theme", "__RequestVerificationToken", "token-value", returnUrl));

    [Theory]
    [InlineData(ThemeChoice.Light)]
    [InlineData(ThemeChoice.Dark)]
    [InlineData(ThemeChoice.System)]
    public async Task Three_labelled_choices_with_the_current_one_marked(ThemeChoice current)
    {
        var cut = await RenderPicker(current);
        var buttons = cut.FindAll("button[type=submit][name=theme]");
        Assert.Equal(["Light", "Dark", "System"], buttons.Select(b => b.GetAttribute("value")));
        Assert.Equal(["Light", "Dark", "System"], buttons.Select(b => b.TextContent.Trim()));
        foreach (var button in buttons)
        {
            var isCurrent = button.GetAttribute("value") == current.ToString();
            Assert.Equal(isCurrent ? "true" : null, button.GetAttribute("aria-current"));
            Assert.Equal(isCurrent, button.ClassList.Contains("active"));
            var icon = button.QuerySelector("svg")!;
            Assert.Equal("true", icon.GetAttribute("aria-hidden"));
        }
        Assert.Single(cut.FindAll("[aria-current]"));
    }

    [Fact]
    public async Task The_choices_are_a_named_group()
    {
        var cut = await RenderPicker(ThemeChoice.System);
        var group = cut.Find("[role=group]");
        Assert.Equal("Theme", group.GetAttribute("aria-label"));
        Assert.Equal(3, group.QuerySelectorAll("button").Length);
    }

    [Fact]
    public async Task It_is_a_post_form_with_the_antiforgery_token_and_the_page_to_return_to()
    {
        var cut = await RenderPicker(ThemeChoice.Dark);
        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/Identity/Account/Manage/Theme", form.GetAttribute("action"));
        Assert.True(form.HasAttribute("data-theme-form"));
        Assert.Equal("token-value", cut.Find("input[type=hidden][name=__RequestVerificationToken]").GetAttribute("value"));
        Assert.Equal("/Users?page=2", cut.Find("input[type=hidden][name=returnUrl]").GetAttribute("value"));
    }

    [Fact]
    public async Task Without_a_return_url_no_field_is_sent()
    {
        var cut = await RenderPicker(ThemeChoice.Light, returnUrl: null);
        Assert.Empty(cut.FindAll("input[name=returnUrl]"));
    }
}
