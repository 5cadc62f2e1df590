using System.Net;
using AdminPortal.Data;
using AdminPortal.Sessions;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.PasswordReset;
using Microsoft.EntityFrameworkCore;
using static AdminPortal.Tests.Sessions.SessionTestHelpers;

namespace AdminPortal.Tests.Sessions;

/// <summary>Each sign-in is a row; the cookie is only its key (DESIGN.md rule 13, issue 10).</summary>
public sealed class ServerSessionTests : IAsyncLifetime
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_sign_in_is_a_row_with_its_browser_address_time_and_keep_me_signed_in()
    {
        var signedInAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (_, cookie) = await _app.SignInCapturingAsync("bob", "bob-password", Firefox, rememberMe: true, clientAddress: "203.0.113.7");

        var session = Assert.Single(await _app.SessionsOfAsync("bob"));
        Assert.Equal(Firefox, session.UserAgent);
        Assert.Equal("203.0.113.7", session.ClientAddress);
        Assert.Equal(signedInAt, session.CreatedAt);
        Assert.Equal(signedInAt, session.LastActivityAt);
        Assert.Equal(signedInAt.AddHours(8), session.ExpiresAt);
        Assert.True(session.IsPersistent);
        // The row is found by a hash of the cookie's key: neither the cookie nor the key is stored.
        Assert.Equal(64, session.Id.Length);
        Assert.DoesNotContain(session.Id, cookie, StringComparison.Ordinal);
        Assert.NotEmpty(session.Ticket);
    }

    [Fact]
    public async Task A_cookie_captured_before_sign_out_is_refused_after_it()
    {
        var (browser, captured) = await _app.SignInCapturingAsync("bob", "bob-password");
        using var attacker = _app.ReplayClient(captured);
        await AssertSignedInAsync(attacker);

        var signOut = await browser.SubmitFormAsync("/Identity/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.Empty(await _app.SessionsOfAsync("bob"));
        await AssertSentToSignInAsync(attacker);
        await AssertSentToSignInAsync(browser.Client);
    }

    [Fact]
    public async Task Last_activity_is_written_at_most_once_a_minute()
    {
        var signedInAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (browser, _) = await _app.SignInCapturingAsync("bob", "bob-password");

        _app.Clock.Advance(TimeSpan.FromSeconds(59));
        await AssertSignedInAsync(browser.Client);
        await AssertSignedInAsync(browser.Client);
        Assert.Equal(signedInAt, Assert.Single(await _app.SessionsOfAsync("bob")).LastActivityAt);

        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        await AssertSignedInAsync(browser.Client);
        var minuteLater = _app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(minuteLater, Assert.Single(await _app.SessionsOfAsync("bob")).LastActivityAt);

        _app.Clock.Advance(TimeSpan.FromSeconds(30));
        await AssertSignedInAsync(browser.Client);
        var session = Assert.Single(await _app.SessionsOfAsync("bob"));
        Assert.Equal(minuteLater, session.LastActivityAt);
        Assert.Equal(signedInAt, session.CreatedAt);
    }

    [Fact]
    public async Task Expired_rows_are_deleted_when_someone_signs_in()
    {
        var (stale, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        var staleId = Assert.Single(await _app.SessionsOfAsync("bob")).Id;

        _app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));
        // The stale browser never comes back; another sign-in sweeps its row.
        await _app.SignedInAsRootAsync();

        Assert.Empty(await _app.SessionsOfAsync("bob"));
        Assert.Single(await _app.SessionsOfAsync("root"));
        Assert.False(await _app.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.Id == staleId)));
        await AssertSentToSignInAsync(stale.Client);
    }

    [Fact]
    public async Task Each_sign_in_sweeps_a_bounded_batch_so_expired_rows_cannot_pile_up()
    {
        var bobId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync());
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var expired = DatabaseTicketStore.ExpiredSweepBatch + 50;
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < expired; i++)
            {
                db.UserSessions.Add(new UserSession
                {
                    Id = $"{i:x64}",
                    UserId = bobId,
                    CreatedAt = now.AddDays(-2),
                    LastActivityAt = now.AddDays(-2),
                    ExpiresAt = now.AddDays(-1).AddMinutes(i),
                    Ticket = [1],
                });
            }
            return await db.SaveChangesAsync();
        });

        await _app.SignedInAsRootAsync();
        Assert.Equal(50, await _app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == bobId)));
        // The oldest went first.
        Assert.Equal(now.AddDays(-1).AddMinutes(DatabaseTicketStore.ExpiredSweepBatch),
            await _app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == bobId).MinAsync(s => s.ExpiresAt)));

        await _app.SignedInAsRootAsync();
        Assert.Equal(0, await _app.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == bobId)));
        Assert.Equal(2, (await _app.SessionsOfAsync("root")).Count);
    }

    [Fact]
    public async Task An_expired_cookie_coming_back_deletes_its_row()
    {
        var (browser, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        _app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));

        await AssertSentToSignInAsync(browser.Client);
        Assert.Empty(await _app.SessionsOfAsync("bob"));
    }

    [Fact]
    public async Task A_sliding_renewal_moves_the_expiry_and_keeps_the_sign_in_time()
    {
        var signedInAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (browser, _) = await _app.SignInCapturingAsync("bob", "bob-password");

        _app.Clock.Advance(TimeSpan.FromHours(5)); // past half of the 8 hours: the cookie handler renews
        await AssertSignedInAsync(browser.Client);

        var session = Assert.Single(await _app.SessionsOfAsync("bob"));
        Assert.Equal(signedInAt, session.CreatedAt);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime.AddHours(8), session.ExpiresAt);
        _app.Clock.Advance(TimeSpan.FromHours(5)); // 10 hours after sign-in, 5 after the renewal
        await AssertSignedInAsync(browser.Client);
    }

    [Fact]
    public async Task A_password_set_by_an_administrator_deletes_the_account_s_rows()
    {
        var (laptop, laptopCookie) = await _app.SignInCapturingAsync("bob", "bob-password");
        var (phone, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        Assert.Equal(2, (await _app.SessionsOfAsync("bob")).Count);
        using var root = await _app.SignedInAsRootAsync();
        var bobId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync());

        var set = await root.SubmitFormAsync($"/Users/SetPassword/{bobId}",
            new Dictionary<string, string> { ["Input.Password"] = "new-bob-password", ["Input.ConfirmPassword"] = "new-bob-password" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        Assert.Empty(await _app.SessionsOfAsync("bob"));
        await AssertSentToSignInAsync(laptop.Client);
        await AssertSentToSignInAsync(phone.Client);
        using var replay = _app.ReplayClient(laptopCookie);
        await AssertSentToSignInAsync(replay);
        Assert.Single(await _app.SessionsOfAsync("root"));
    }

    [Fact]
    public async Task Disabling_and_changing_the_role_delete_the_account_s_rows()
    {
        await _app.SignInCapturingAsync("bob", "bob-password");
        using var root = await _app.SignedInAsRootAsync();
        var bobId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync());

        await root.SubmitFormAsync($"/Users/Edit/{bobId}", new Dictionary<string, string> { ["Input.Role"] = Roles.Vendor });
        Assert.Empty(await _app.SessionsOfAsync("bob"));

        await _app.SignInCapturingAsync("bob", "bob-password");
        Assert.Single(await _app.SessionsOfAsync("bob"));
        await root.SubmitFormAsync($"/Users/Details/{bobId}?confirm=disable", formSelector: "#confirm form");
        Assert.Empty(await _app.SessionsOfAsync("bob"));
    }

    [Fact]
    public async Task Changing_your_own_password_keeps_this_session_s_row_and_deletes_the_others()
    {
        var signedInAt = _app.Clock.GetUtcNow().UtcDateTime;
        var (laptop, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var (phone, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        _app.Clock.Advance(TimeSpan.FromMinutes(5));

        var change = await laptop.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "bob-password",
            ["Input.NewPassword"] = "bob-new-password",
            ["Input.ConfirmPassword"] = "bob-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        var left = Assert.Single(await _app.SessionsOfAsync("bob"));
        Assert.Equal(signedInAt, left.CreatedAt); // the laptop's sign-in, renewed with the new stamp
        await AssertSignedInAsync(laptop.Client);
        await AssertSentToSignInAsync(phone.Client);
    }

    [Fact]
    public async Task A_password_reset_through_the_wizard_deletes_the_account_s_rows()
    {
        var (browser, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        var wizard = _app.CreateBrowser();
        await wizard.RequestCodeAsync("bob@example.com");
        await wizard.EnterCodeAsync(ResetWizardSteps.CodeIn(PickupMail.OnlyMessageTo(_app, "bob@example.com")));
        Assert.Equal(HttpStatusCode.Redirect, (await wizard.SetNewPasswordAsync("a brand new passphrase")).StatusCode);

        Assert.Empty(await _app.SessionsOfAsync("bob"));
        await AssertSentToSignInAsync(browser.Client);
    }

    [Fact]
    public async Task Deleting_the_account_deletes_its_rows()
    {
        await _app.SignInCapturingAsync("bob", "bob-password");
        using var root = await _app.SignedInAsRootAsync();
        var bobId = await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "bob").Select(u => u.Id).SingleAsync());
        await root.SubmitFormAsync($"/Users/Details/{bobId}?confirm=delete", formSelector: "#confirm form");
        Assert.False(await _app.WithDbAsync(db => db.UserSessions.AnyAsync(s => s.UserId == bobId)));
    }

    [Fact]
    public async Task A_session_row_deleted_behind_the_cookie_s_back_ends_it_at_the_next_request()
    {
        var (browser, _) = await _app.SignInCapturingAsync("bob", "bob-password");
        await _app.WithDbAsync(db => db.UserSessions.ExecuteDeleteAsync());
        await AssertSentToSignInAsync(browser.Client);
    }
}
