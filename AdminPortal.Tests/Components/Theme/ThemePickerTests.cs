using AdminPortal.Components.Theme;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ThemeChoice = AdminPortal.Data.Theme;

namespace AdminPortal.Tests.Components.Theme;

public sealed class ThemePickerTests : BunitContext
{
    public ThemePickerTests()
    {
        Services.AddLocalization();
    }

    private IRenderedComponent<ThemePicker> RenderPicker(ThemeChoice current, string? returnUrl = "/Users?page=2") =>
        Render<ThemePicker>(p => p
            .Add(c => c.Current, current)
            .Add(c => c.Action, "/Identity/Account/Manage/Theme")
            .Add(c => c.AntiforgeryFieldName, "__RequestVerificationToken")
            .Add(c => c.AntiforgeryToken, "token-value")
            .Add(c => c.ReturnUrl, returnUrl));

    [Theory]
    [InlineData(ThemeChoice.Light)]
    [InlineData(ThemeChoice.Dark)]
    [InlineData(ThemeChoice.System)]
    public void Three_labelled_choices_with_the_current_one_marked(ThemeChoice current)
    {
        var cut = RenderPicker(current);
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
    public void The_choices_are_a_named_group()
    {
        var cut = RenderPicker(ThemeChoice.System);
        var group = cut.Find("[role=group]");
        Assert.Equal("Theme", group.GetAttribute("aria-label"));
        Assert.Equal(3, group.QuerySelectorAll("button").Length);
    }

    [Fact]
    public void It_is_a_post_form_with_the_antiforgery_token_and_the_page_to_return_to()
    {
        var cut = RenderPicker(ThemeChoice.Dark);
        var form = cut.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/Identity/Account/Manage/Theme", form.GetAttribute("action"));
        Assert.True(form.HasAttribute("data-theme-form"));
        Assert.Equal("token-value", cut.Find("input[type=hidden][name=__RequestVerificationToken]").GetAttribute("value"));
        Assert.Equal("/Users?page=2", cut.Find("input[type=hidden][name=returnUrl]").GetAttribute("value"));
    }

    [Fact]
    public void Without_a_return_url_no_field_is_sent()
    {
        var cut = RenderPicker(ThemeChoice.Light, returnUrl: null);
        Assert.Empty(cut.FindAll("input[name=returnUrl]"));
    }
}
