using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;

namespace AdminPortal.Tests.Users;

/// <summary>
/// "Must change the password at next sign-in" (issue 14): ticked at first wherever an administrator types a password
/// (a new account with a password, set password, an edit's new password), used only when a password is set, and the
/// new-account form says why.
/// </summary>
public sealed class MustChangePasswordTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpBrowser _root = null!;

    public async ValueTask InitializeAsync() => _root = await _app.SignedInAsRootAsync();

    public async ValueTask DisposeAsync()
    {
        _root.Dispose();
        await _app.DisposeAsync();
    }

    private static IHtmlInputElement MustChangeBox(IHtmlDocument page) =>
        (IHtmlInputElement)page.QuerySelector("main input[type=checkbox][name='Input.MustChangePassword']")!;

    private async Task<bool> MustChangeAsync(string userName) => (await _app.FindAsync(userName))!.MustChangePassword;

    [Fact]
    public async Task The_new_account_form_ticks_it_and_says_so()
    {
        var page = await _root.GetPageAsync("/Users/Create");
        var box = MustChangeBox(page);
        Assert.True(box.IsChecked);
        Assert.Equal("Must change the password at next sign-in", page.QuerySelector($"label[for='{box.Id}']")!.TextContent.Trim());
        var help = page.GetElementById(box.GetAttribute("aria-describedby")!)!.TextContent;
        Assert.Contains("must change it at the first sign-in unless you untick this", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_account_with_a_typed_password_must_change_it_at_first_sign_in()
    {
        Assert.Equal(HttpStatusCode.Redirect, (await _root.SubmitFormAsync("/Users/Create", UserPages.CreateForm("typed"))).StatusCode);
        Assert.True(await MustChangeAsync("typed"));

        using var holder = _app.CreateBrowser();
        var signIn = await holder.SignInAsync("typed", "password-123");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await holder.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/ChangePassword", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unticked_the_new_account_keeps_the_typed_password()
    {
        var form = UserPages.CreateForm("kept");
        form["Input.MustChangePassword"] = "false";
        Assert.Equal(HttpStatusCode.Redirect, (await _root.SubmitFormAsync("/Users/Create", form)).StatusCode);
        Assert.False(await MustChangeAsync("kept"));

        using var holder = await _app.SignedInBrowserAsync("kept", "password-123");
        Assert.Equal(HttpStatusCode.OK, (await holder.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_invitation_ignores_the_box_its_holder_chooses_their_own_password()
    {
        var form = UserPages.CreateForm("invited");
        form["Input.Method"] = "Invite";
        form["Input.MustChangePassword"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await _root.SubmitFormAsync("/Users/Create", form)).StatusCode);
        var invited = (await _app.FindAsync("invited"))!;
        Assert.Equal(AccountStatus.Invited, invited.Status);
        Assert.False(invited.MustChangePassword);
    }

    [Fact]
    public async Task Set_password_and_an_edits_new_password_tick_it_and_an_edit_without_a_password_changes_nothing()
    {
        await _app.CreateUserAsync("edited");
        var id = await _app.IdOfAsync("edited");
        Assert.True(MustChangeBox(await _root.GetPageAsync($"/Users/SetPassword/{id}")).IsChecked);
        var edit = await _root.GetPageAsync($"/Users/Edit/{id}");
        var box = MustChangeBox(edit);
        Assert.True(box.IsChecked);
        // The box belongs to the new password: it sits in that fieldset, and without a password it sets nothing.
        Assert.NotNull(box.Closest("fieldset"));
        Assert.Contains(box.Closest("fieldset")!.QuerySelectorAll("input").OfType<IHtmlInputElement>(), i => i.Type == "password");

        var saved = await _root.SubmitAsync(edit.MainForm(), new Dictionary<string, string> { ["Input.DisplayName"] = "Edited Name" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await MustChangeAsync("edited"));

        var withPassword = await _root.SubmitFormAsync($"/Users/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Password"] = "another-password",
            ["Input.ConfirmPassword"] = "another-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, withPassword.StatusCode);
        Assert.True(await MustChangeAsync("edited"));
    }
}
