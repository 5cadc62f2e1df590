using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Audit;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;
using static AdminPortal.Tests.TwoFactor.TwoFactorTestHelpers;

namespace AdminPortal.Tests.TwoFactor;

/// <summary>An administrator resets another account's second factors from its details page (issue 15).</summary>
public sealed class AdminSecondFactorResetTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private Enrolment _bob = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
        await _app.CreateUserAsync("ada", Roles.Admin, "ada-password");
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");
        _bob = await _app.EnrolAsync(bob);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Resetting_another_accounts_second_factors_ends_its_sessions_notifies_it_and_is_audited()
    {
        using var bob = await _app.SignedInWithCodeAsync("bob", "bob-password", _bob.Key);
        using var root = await _app.SignedInAsRootAsync();
        var id = await IdOfAsync("bob");
        var details = await root.GetPageAsync($"/Users/Details/{id}");
        Assert.Equal("Authenticator app", details.QuerySelector("#second-factor")!.TextContent);

        var confirm = await root.GetPageAsync(details.QuerySelector("#reset-second-factors")!.GetAttribute("href")!);
        Assert.Contains("Reset the second factors of bob", confirm.QuerySelector("#confirm")!.TextContent);
        var response = await root.SubmitAsync(HttpBrowser.FindForm(confirm, "#confirm form"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await root.FollowAsync(response);
        Assert.Equal("None", after.QuerySelector("#second-factor")!.TextContent);
        Assert.False(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == id)));
        Assert.Empty(await _app.SessionsOfAsync("bob"));
        await AssertSentToSignInAsync(bob.Client);
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.UserTwoFactorReset));
        Assert.True(entry.Succeeded);
        Assert.Equal("root", entry.ActorUserName);
        Assert.Equal("bob", entry.TargetUserName);
        var notice = await _app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == id));
        Assert.Equal("TwoFactorEnabled", notice.Details);
        // The password alone signs in again.
        using var later = _app.CreateBrowser();
        Assert.Equal("/", (await later.SignInAsync("bob", "bob-password")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_admin_reset_refuses_the_principal_and_ones_own_account()
    {
        using var ada = await _app.SignedInBrowserAsync("ada", "ada-password");
        await _app.EnrolAsync(ada);
        using var root = await _app.SignedInAsRootAsync();
        await _app.EnrolAsync(root);
        var bobId = await IdOfAsync("bob");
        var form = HttpBrowser.FindForm(await ada.GetPageAsync($"/Users/Details/{bobId}?confirm=reset2fa"), "#confirm form");

        // Neither page offers it.
        Assert.Null((await ada.GetPageAsync($"/Users/Details/{await IdOfAsync("root")}")).QuerySelector("#reset-second-factors"));
        Assert.Null((await ada.GetPageAsync($"/Users/Details/{await IdOfAsync("ada")}")).QuerySelector("#reset-second-factors"));

        foreach (var target in new[] { "root", "ada" })
        {
            form.Action = $"/Users/Details/{await IdOfAsync(target)}?handler=reset2fa";
            var response = await ada.SubmitAsync(form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("Error:", (await ada.FollowAsync(response)).StatusMessage());
            Assert.True(await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == target).Select(u => u.TwoFactorEnabled).SingleAsync()));
        }
        var entries = await _app.AuditEntriesAsync(AuditActions.UserTwoFactorReset);
        Assert.Equal(["principal-protected", "own-account"], entries.Select(e => e.Reason!));
        Assert.All(entries, e => Assert.False(e.Succeeded));
        await AssertSignedInAsync(root.Client);
    }

    [Fact]
    public async Task The_user_list_filters_by_having_a_second_factor()
    {
        using var root = await _app.SignedInAsRootAsync();

        var with = await root.GetPageAsync("/Users?twofactor=yes");
        var without = await root.GetPageAsync("/Users?twofactor=no");

        var withNames = with.QuerySelectorAll("main tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(withNames, t => t.Contains("bob"));
        Assert.DoesNotContain(withNames, t => t.Contains("ada"));
        Assert.Contains(without.QuerySelectorAll("main tbody tr"), r => r.TextContent.Contains("ada"));
        Assert.DoesNotContain(without.QuerySelectorAll("main tbody tr"), r => r.TextContent.Contains("bob"));
        Assert.Equal("yes", ((AngleSharp.Html.Dom.IHtmlSelectElement)with.QuerySelector("#twofactor")!).Value);
        // Anything else is no filter, not an error.
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync("/Users?twofactor=maybe")).StatusCode);
    }

    private Task<int> IdOfAsync(string userName) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}
