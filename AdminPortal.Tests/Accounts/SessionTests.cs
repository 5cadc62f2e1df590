using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Accounts;

public sealed class SessionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static Dictionary<string, string> ChangeForm(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };

    private static async Task AssertSentToSignInAsync(HttpBrowser browser)
    {
        var response = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Changing_your_password_keeps_this_session_and_ends_the_others()
    {
        using var laptop = await _app.SignedInBrowserAsync("bob", "bob-password");
        using var phone = await _app.SignedInBrowserAsync("bob", "bob-password");

        var change = await laptop.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangeForm("bob-password", "bob-new-password"));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/")).StatusCode);
        await AssertSentToSignInAsync(phone);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", "bob-new-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("bob", "bob-password")).StatusCode);
    }

    [Fact]
    public async Task A_password_changed_elsewhere_ends_an_open_session_at_its_next_request()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var bob = (await users.FindByNameAsync("bob"))!;
            var token = await users.GeneratePasswordResetTokenAsync(bob);
            Assert.True((await users.ResetPasswordAsync(bob, token, "set-by-someone-else")).Succeeded);
        });

        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_its_next_request()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task A_deleted_account_is_refused_at_its_next_request()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").ExecuteDeleteAsync());
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task A_role_change_ends_the_session()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var bob = (await users.FindByNameAsync("bob"))!;
            // Only the role changes, not the security stamp: the session check compares the role itself.
            await users.RemoveFromRoleAsync(bob, Roles.Employee);
            await users.AddToRoleAsync(bob, Roles.Vendor);
            bob.Role = Roles.Vendor;
            await users.UpdateAsync(bob);
        });
        await AssertSentToSignInAsync(browser);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_field_error()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        var response = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangeForm("not-it", "bob-new-password"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal("The current password is not correct.", page.FieldError("Input.CurrentPassword"));
    }

    [Theory]
    [InlineData(7, "The password must be 8–128 characters.")]
    [InlineData(129, "The password must be 8–128 characters.")]
    public async Task A_new_password_outside_8_to_128_characters_is_refused(int length, string message)
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        var password = new string('p', length);
        var response = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangeForm("bob-password", password));
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Equal(message, page.FieldError("Input.NewPassword"));
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", "bob-password")).StatusCode);
    }

    [Fact]
    public async Task A_128_character_password_with_no_digits_or_symbols_is_accepted()
    {
        using var browser = await _app.SignedInBrowserAsync("bob", "bob-password");
        var password = new string('p', 128);
        var response = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangeForm("bob-password", password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("bob", password)).StatusCode);
    }
}
