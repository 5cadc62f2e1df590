using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Audit;

public sealed class AuditWritersTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AppUser _alice = null!;

    public async ValueTask InitializeAsync() => _alice = await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_successful_sign_in_is_audited_with_the_account_and_the_client_address()
    {
        using var browser = _app.CreateBrowser("198.51.100.7");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("alice", "alice-password")).StatusCode);

        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.SignInSuccess));
        Assert.True(entry.Succeeded);
        Assert.Equal(_alice.Id, entry.TargetId);
        Assert.Equal("alice", entry.TargetUserName);
        Assert.Equal("198.51.100.7", entry.ClientAddress);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, entry.At);
    }

    [Fact]
    public async Task Failed_sign_ins_are_audited_with_the_account_named_and_the_reason()
    {
        await _app.CreateUserAsync("dora", Roles.Employee, "dora-password", status: AccountStatus.Disabled);
        using var browser = _app.CreateBrowser("198.51.100.8");
        await browser.SignInAsync("alice", "not-her-password");
        await browser.SignInAsync("nobody", "some-secret-typed");
        await browser.SignInAsync("dora", "dora-password");

        var failures = await _app.AuditEntriesAsync(AuditActions.SignInFailure);
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f =>
        {
            Assert.False(f.Succeeded);
            Assert.Null(f.ActorId);
            Assert.Equal("198.51.100.8", f.ClientAddress);
        });
        Assert.Equal(("alice", AuditReasons.WrongPassword), (failures[0].TargetUserName, failures[0].Reason));
        Assert.Equal((null, (string?)AuditReasons.UnknownAccount), (failures[1].TargetUserName, failures[1].Reason));
        Assert.Equal(("dora", AuditReasons.Disabled), (failures[2].TargetUserName, failures[2].Reason));
        Assert.DoesNotContain(failures, f => (f.Changes + f.Reason + f.TargetUserName).Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_out_sign_in_is_audited_as_locked_out()
    {
        using var browser = _app.CreateBrowser();
        for (var i = 0; i < 6; i++)
        {
            await browser.SignInAsync("alice", "wrong-password");
        }
        var failures = await _app.AuditEntriesAsync(AuditActions.SignInFailure);
        Assert.Equal(6, failures.Count);
        Assert.Equal(AuditReasons.LockedOut, failures[^1].Reason);
        Assert.Equal(_alice.Id, failures[^1].TargetId);
    }

    [Fact]
    public async Task Forwarded_for_from_an_unknown_proxy_is_ignored()
    {
        using var browser = _app.CreateBrowser("10.20.30.40");
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        await browser.SignInAsync("alice", "alice-password");
        Assert.Equal("10.20.30.40", Assert.Single(await _app.AuditEntriesAsync(AuditActions.SignInSuccess)).ClientAddress);
    }

    [Fact]
    public async Task Signing_out_is_audited()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var home = await browser.GetPageAsync("/");
        await browser.SubmitAsync(HttpBrowser.FindForm(home, "form[action='/Identity/Account/Logout']"));
        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.SignOut));
        Assert.Equal((_alice.Id, "alice", _alice.Id), (entry.ActorId!.Value, entry.ActorUserName!, entry.TargetId!.Value));
    }

    [Fact]
    public async Task Changing_ones_own_password_is_audited_without_any_password_or_hash()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var wrong = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangePassword("not-the-current", "brand-new-password"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var changed = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangePassword("alice-password", "brand-new-password"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var entries = await _app.AuditEntriesAsync(AuditActions.AccountPasswordChange);
        Assert.Equal(2, entries.Count);
        Assert.Equal((false, AuditReasons.WrongCurrentPassword), (entries[0].Succeeded, entries[0].Reason!));
        Assert.True(entries[1].Succeeded);
        Assert.Equal(_alice.Id, entries[1].TargetId);
        Assert.Equal(_alice.Id, entries[1].ActorId);

        var hash = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _alice.Id).Select(u => u.PasswordHash!).SingleAsync());
        var everything = string.Join("|", (await _app.AuditEntriesAsync()).Select(e => $"{e.Changes}{e.Reason}{e.TargetUserName}{e.ActorUserName}"));
        Assert.DoesNotContain(hash, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("brand-new-password", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("alice-password", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_password_change_records_that_the_force_is_lifted()
    {
        await _app.CreateUserAsync("fran", Roles.Employee, "fran-password", mustChangePassword: true);
        using var browser = await _app.SignedInBrowserAsync("fran", "fran-password");
        var changed = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", ChangePassword("fran-password", "fran-new-password"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        var entry = Assert.Single(await _app.AuditEntriesAsync(AuditActions.AccountPasswordChange));
        Assert.Equal("""{"MustChangePassword":{"Old":"True","New":"False"}}""", entry.Changes);
    }

    [Fact]
    public async Task When_the_audit_record_cannot_be_written_the_password_change_does_not_happen_either()
    {
        using var browser = await _app.SignedInBrowserAsync("alice", "alice-password");
        var form = await browser.GetPageAsync("/Identity/Account/Manage/ChangePassword");
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(_app.Database.BreakInsertsSql("AuditEntries")));

        var response = await browser.SubmitAsync(HttpBrowser.FindForm(form), ChangePassword("alice-password", "brand-new-password"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(_app.Database.RepairInsertsSql("AuditEntries")));
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.AccountPasswordChange));
        using var again = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await again.SignInAsync("alice", "brand-new-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("alice", "alice-password")).StatusCode);
    }

    [Fact]
    public async Task A_staged_record_and_its_change_are_saved_together_or_not_at_all()
    {
        var bob = await _app.CreateUserAsync("bob", Roles.Employee);
        var root = await _app.RootAsync();
        await _app.AsActorAsync(root, async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var audit = services.GetRequiredService<AuditLog>();
            var alice = await db.Users.SingleAsync(u => u.Id == _alice.Id);
            var bobRow = await db.Users.SingleAsync(u => u.Id == bob.Id);
            alice.DisplayName = "Alice Changed";
            audit.Add(AuditActions.UserUpdate, alice.Id, alice.UserName,
                new Dictionary<string, FieldChange> { ["DisplayName"] = new("alice display", "Alice Changed") });
            bobRow.NormalizedEmail = alice.NormalizedEmail; // the unique index makes this SaveChanges fail
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        Assert.Empty(await _app.AuditEntriesAsync(AuditActions.UserUpdate));
        Assert.Equal("alice display", await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _alice.Id).Select(u => u.DisplayName).SingleAsync()));
    }

    private static Dictionary<string, string> ChangePassword(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };
}

public sealed class KnownProxiesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new AppFactory().With("AdminPortal:KnownProxies:0", "10.20.30.0/24");

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Forwarded_for_from_a_configured_proxy_is_the_client_address()
    {
        using var browser = _app.CreateBrowser("10.20.30.40");
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        await browser.SignInAsync("alice", "alice-password");
        Assert.Equal("203.0.113.9", Assert.Single(await _app.AuditEntriesAsync(AuditActions.SignInSuccess)).ClientAddress);
    }

    [Fact]
    public async Task A_proxy_entry_that_is_not_an_address_stops_the_app_naming_the_key()
    {
        await using var bad = new AppFactory().With("AdminPortal:KnownProxies:0", "not-an-address");
        var error = Assert.ThrowsAny<Exception>(() => bad.Services);
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("AdminPortal:KnownProxies", validation.Message, StringComparison.Ordinal);
    }
}
