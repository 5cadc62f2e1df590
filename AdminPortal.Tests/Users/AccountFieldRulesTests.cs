using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

public sealed class AccountFieldRulesTests(AccountFieldRulesTests.App app) : IClassFixture<AccountFieldRulesTests.App>
{
    public sealed class App : AppFactory;

    [Theory]
    [InlineData("name@example.com")]
    [InlineData("first.last+tag@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@xn--bcher-kva.example")]
    public void A_plain_address_is_an_email(string email) => Assert.True(AccountFieldRules.IsPlainEmail(email));

    [Theory]
    [InlineData("a b@c.de")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("root@localhost")]
    [InlineData("user@[127.0.0.1]")]
    [InlineData("user@127.0.0.1")]
    [InlineData(".dot@example.com")]
    [InlineData("dot.@example.com")]
    [InlineData("two..dots@example.com")]
    [InlineData("user@-example.com")]
    [InlineData("user(comment)@example.com")]
    [InlineData("user@example.com\n")]
    [InlineData("josé@example.com")]
    public void Anything_else_is_not(string email) => Assert.False(AccountFieldRules.IsPlainEmail(email));

    [Theory]
    [InlineData("Alice \u202Enimda")]
    [InlineData("Line\r\nbreak")]
    [InlineData("Nul\0")]
    [InlineData("Zero\u200Bwidth")]
    [InlineData("Tab\there")]
    public void Control_and_format_characters_are_refused_in_a_display_name(string name) => Assert.False(AccountFieldRules.IsPlainText(name));

    [Theory]
    [InlineData("José Álvarez")]
    [InlineData("李小龍")]
    [InlineData("Zoë 🙂")]
    public void Letters_of_any_script_and_emoji_are_a_display_name(string name) => Assert.True(AccountFieldRules.IsPlainText(name));

    [Fact]
    public async Task A_display_name_with_a_bidi_override_is_a_field_error_and_the_form_keeps_what_was_typed()
    {
        using var root = await app.SignedInAsRootAsync();
        var form = UserPages.CreateForm("bidi.create");
        form["Input.DisplayName"] = "Alice \u202Enimda";
        var page = await HttpBrowser.ParseAsync(await root.SubmitFormAsync("/Users/Create", form));
        Assert.Equal("The display name cannot hold control or invisible formatting characters.", page.FieldError("Input.DisplayName"));
        Assert.Equal("Alice \u202Enimda", page.FieldValue("Input.DisplayName"));
        Assert.Null(await app.FindAsync("bidi.create"));
    }

    [Fact]
    public async Task An_email_with_a_space_is_refused_on_create_edit_and_the_own_email_page()
    {
        var user = await app.CreateUserAsync("email.rules");
        using var root = await app.SignedInAsRootAsync();
        var form = UserPages.CreateForm("email.rules2", email: "a b@c.de");
        var created = await HttpBrowser.ParseAsync(await root.SubmitFormAsync("/Users/Create", form));
        Assert.NotEqual("", created.FieldError("Input.Email"));

        var edited = await HttpBrowser.ParseAsync(await root.SubmitFormAsync($"/Users/Edit/{user.Id}",
            new Dictionary<string, string> { ["Input.Email"] = "\"q\"@example.com" }));
        Assert.NotEqual("", edited.FieldError("Input.Email"));

        using var own = await app.SignedInBrowserAsync("email.rules", "password-123");
        var mine = await HttpBrowser.ParseAsync(await own.SubmitFormAsync("/Identity/Account/Manage/Email",
            new Dictionary<string, string> { ["Input.NewEmail"] = "me@[10.0.0.1]" }));
        Assert.NotEqual("", mine.FieldError("Input.NewEmail"));
        Assert.Equal("email.rules@example.com", (await app.FindAsync("email.rules"))!.Email);
    }

    [Fact]
    public async Task A_row_stored_before_the_rules_still_loads_and_is_fixed_from_the_edit_form()
    {
        var user = await app.CreateUserAsync("legacy.row");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.DisplayName, "Legacy \u202Eeman")
            .SetProperty(u => u.Email, "legacy row@example.com")));
        using var root = await app.SignedInAsRootAsync();
        Assert.Contains("legacy.row", (await root.GetPageAsync("/Users?q=legacy")).QuerySelector("main")!.TextContent);
        await root.GetPageAsync($"/Users/Details/{user.Id}");
        var edit = await root.GetPageAsync($"/Users/Edit/{user.Id}");
        Assert.Equal("Legacy \u202Eeman", edit.FieldValue("Input.DisplayName"));

        // Saved as it is, the form says what to fix.
        var refused = await HttpBrowser.ParseAsync(await root.SubmitAsync(HttpBrowser.FindForm(edit)));
        Assert.NotEqual("", refused.FieldError("Input.DisplayName"));
        Assert.NotEqual("", refused.FieldError("Input.Email"));

        var fixedUp = await root.SubmitAsync(HttpBrowser.FindForm(refused), new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Legacy name",
            ["Input.Email"] = "legacy.row@example.com",
        });
        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        var stored = (await app.FindAsync("legacy.row"))!;
        Assert.Equal(("Legacy name", "legacy.row@example.com"), (stored.DisplayName, stored.Email));
    }
}
