using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Users;

/// <summary>
/// Rule 6 through the administration pages: what ends the open sessions of the account it changes, at their next request,
/// and what does not. The security stamp is checked in the database too, because the per-request check also compares the
/// role: a role change would end the session even if the stamp were (wrongly) left alone.
/// </summary>
public sealed class UserSessionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpBrowser _root = null!;
    private HttpBrowser _bob = null!;
    private int _bobId;
    private string? _stampBefore;

    public async ValueTask InitializeAsync()
    {
        _bobId = (await _app.CreateUserAsync("bob", Roles.Employee, "bob-password")).Id;
        _root = await _app.SignedInAsRootAsync();
        _bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        Assert.Equal(HttpStatusCode.OK, (await _bob.GetAsync("/")).StatusCode);
        _stampBefore = await StampAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _root.Dispose();
        _bob.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<string?> StampAsync() => (await _app.FindAsync("bob"))!.SecurityStamp;

    private async Task EditBobAsync(Dictionary<string, string> values)
    {
        var response = await _root.SubmitFormAsync($"/Users/Edit/{_bobId}", values);
        Assert.Equal("The account bob was updated.", await _root.FlashAfterAsync(response));
    }

    [Fact]
    public async Task A_password_set_on_the_set_password_page_ends_the_open_session()
    {
        var response = await _root.SubmitFormAsync($"/Users/SetPassword/{_bobId}", new Dictionary<string, string>
        {
            ["Input.Password"] = "set-by-root-1",
            ["Input.ConfirmPassword"] = "set-by-root-1",
        });
        Assert.Equal("A new password was set for bob; its sessions were ended.", await _root.FlashAfterAsync(response));
        Assert.NotEqual(_stampBefore, await StampAsync());
        await UserPages.AssertSentToSignInAsync(_bob);
    }

    [Fact]
    public async Task A_password_set_in_the_edit_form_ends_the_open_session()
    {
        await EditBobAsync(new() { ["Input.Password"] = "set-by-root-2", ["Input.ConfirmPassword"] = "set-by-root-2" });
        Assert.NotEqual(_stampBefore, await StampAsync());
        await UserPages.AssertSentToSignInAsync(_bob);
    }

    [Fact]
    public async Task A_role_change_alone_ends_the_open_session_and_renews_the_stamp()
    {
        await EditBobAsync(new() { ["Input.Role"] = Roles.Vendor });
        var bob = (await _app.FindAsync("bob"))!;
        Assert.Equal(("bob", Roles.Vendor), (bob.UserName, bob.Role));
        Assert.NotEqual(_stampBefore, bob.SecurityStamp);
        await UserPages.AssertSentToSignInAsync(_bob);
    }

    [Fact]
    public async Task A_display_name_change_keeps_the_open_session()
    {
        await EditBobAsync(new() { ["Input.DisplayName"] = "Bob Renamed" });
        Assert.Equal(_stampBefore, await StampAsync());
        Assert.Equal(HttpStatusCode.OK, (await _bob.GetAsync("/")).StatusCode);
    }
}
