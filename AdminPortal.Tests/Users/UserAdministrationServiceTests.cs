using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>
/// The service called directly, as any future caller would (an API, a job), so its own checks are proven without the
/// pages' validation and authorization in front of them.
/// </summary>
public sealed class UserAdministrationServiceTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AppUser _bob = null!;

    public async ValueTask InitializeAsync() => _bob = await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CurrentAccount ActorOf(AppUser user) =>
        new(user.Id, user.UserName!, user.DisplayName, user.Role, Theme.System, false, user.IsPrincipal);

    private async Task<UserAdministrationResult> CallAsync(Func<UserAdministrationService, Task<UserAdministrationResult>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministrationService>());
    }

    /// <summary>An edit of bob that changes nothing yet, as the edit form would send it.</summary>
    private async Task<AccountEdit> EditOfBobAsync()
    {
        var bob = (await _app.FindAsync("bob"))!;
        return new AccountEdit(bob.UserName!, bob.Email!, bob.DisplayName, bob.Role, bob.Status, null, true, AccountVersion.Of(bob));
    }

    private Task<List<AuditEntry>> RefusalsAsync(string reason) =>
        _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => !e.Succeeded && e.Reason == reason).ToListAsync());

    [Theory]
    [InlineData("create", Roles.Vendor)]
    [InlineData("update", Roles.Vendor)]
    [InlineData("disable", Roles.Employee)]
    [InlineData("enable", Roles.Vendor)]
    [InlineData("delete", Roles.Employee)]
    [InlineData("set-password", Roles.Vendor)]
    public async Task Only_root_and_administrators_may_manage_users(string action, string actorRole)
    {
        var actor = ActorOf(await _app.CreateUserAsync("actor", actorRole));
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _bob.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, action == "enable" ? AccountStatus.Disabled : AccountStatus.Active)));
        var edit = await EditOfBobAsync();
        var before = (await _app.FindAsync("bob"))!;

        var result = await CallAsync(service => action switch
        {
            "create" => service.CreateAsync(actor, new NewAccount("carol", "carol@example.com", "Carol", "carol-password", Roles.Admin)),
            "update" => service.UpdateAsync(actor, _bob.Id, edit with { Role = Roles.Admin }),
            "disable" => service.DisableAsync(actor, _bob.Id),
            "enable" => service.EnableAsync(actor, _bob.Id),
            "delete" => service.DeleteAsync(actor, _bob.Id),
            _ => service.SetPasswordAsync(actor, _bob.Id, "taken-over-password", false),
        });

        Assert.Equal(UserRefusal.NotUserManager, result.Refusal);
        Assert.Equal("Only root and administrators can manage user accounts.", result.Message);
        Assert.Null(await _app.FindAsync("carol"));
        var after = (await _app.FindAsync("bob"))!;
        Assert.Equal((before.Role, before.Status, before.PasswordHash, before.SecurityStamp),
            (after.Role, after.Status, after.PasswordHash, after.SecurityStamp));
        Assert.Single(await RefusalsAsync("not-user-manager"));
    }

    [Fact]
    public async Task Administrators_pass_the_same_check()
    {
        var ada = ActorOf(await _app.CreateUserAsync("ada", Roles.Admin));
        var result = await CallAsync(service => service.UpdateAsync(ada, _bob.Id, new AccountEdit("bob", "bob@example.com", "Bob B.",
            Roles.Employee, AccountStatus.Active, null, true, AccountVersion.Of(_bob))));
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Bob B.", (await _app.FindAsync("bob"))!.DisplayName);
        Assert.Empty(await RefusalsAsync("not-user-manager"));
    }
}
