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
    private CurrentAccount _root = null!;

    public async ValueTask InitializeAsync()
    {
        _bob = await _app.CreateUserAsync("bob", Roles.Employee, "bob-password");
        _root = ActorOf((await _app.FindAsync("root"))!);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static CurrentAccount ActorOf(AppUser user) =>
        new(user.Id, user.UserName!, user.DisplayName, user.Role, Theme.System, user.Language, false, user.IsPrincipal);

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

    /// <summary>A value one character over DESIGN.md's limit for the field: 30, 100, 120 and 128 characters.</summary>
    private static string OverLong(string field) => field switch
    {
        UserFields.UserName => new string('c', 31),
        UserFields.Email => new string('c', 89) + "@example.com",
        UserFields.DisplayName => new string('C', 121),
        _ => new string('p', 129),
    };

    private static readonly Dictionary<string, string> OverLongMessages = new()
    {
        [UserFields.UserName] = "The user name must be 3–30 characters.",
        [UserFields.Email] = "The email must be at most 100 characters.",
        [UserFields.DisplayName] = "The display name is required and must be at most 120 characters.",
        [UserFields.Password] = "The password must be at most 128 characters.",
    };

    private Task<int> AccountCountAsync() => _app.WithDbAsync(db => db.Users.CountAsync());

    [Theory]
    [InlineData(UserFields.UserName)]
    [InlineData(UserFields.Email)]
    [InlineData(UserFields.DisplayName)]
    [InlineData(UserFields.Password)]
    public async Task Create_refuses_an_over_long_field_at_that_field(string field)
    {
        var input = new NewAccount("carol", "carol@example.com", "Carol", "carol-password", Roles.Vendor);
        input = field switch
        {
            UserFields.UserName => input with { UserName = OverLong(field) },
            UserFields.Email => input with { Email = OverLong(field) },
            UserFields.DisplayName => input with { DisplayName = OverLong(field) },
            _ => input with { Password = OverLong(field) },
        };
        var accounts = await AccountCountAsync();

        var result = await CallAsync(service => service.CreateAsync(_root, input));

        Assert.Equal(UserRefusal.InvalidInput, result.Refusal);
        Assert.Equal(new FieldError(field, OverLongMessages[field]), Assert.Single(result.FieldErrors));
        Assert.Equal(accounts, await AccountCountAsync());
    }

    [Fact]
    public async Task Create_accepts_every_field_at_its_limit()
    {
        var input = new NewAccount(new string('c', 30), new string('c', 88) + "@example.com", new string('C', 120), new string('p', 128), Roles.Vendor);
        var result = await CallAsync(service => service.CreateAsync(_root, input));
        Assert.True(result.Succeeded, string.Join(" ", result.FieldErrors.Select(e => e.Message)));
        var carol = (await _app.FindAsync(input.UserName))!;
        Assert.Equal((input.Email, input.DisplayName), (carol.Email, carol.DisplayName));
    }

    [Theory]
    [InlineData(UserFields.UserName)]
    [InlineData(UserFields.Email)]
    [InlineData(UserFields.DisplayName)]
    [InlineData(UserFields.Password)]
    public async Task Edit_refuses_an_over_long_field_at_that_field(string field)
    {
        var edit = await EditOfBobAsync();
        edit = field switch
        {
            UserFields.UserName => edit with { UserName = OverLong(field) },
            UserFields.Email => edit with { Email = OverLong(field) },
            UserFields.DisplayName => edit with { DisplayName = OverLong(field) },
            _ => edit with { DisplayName = "Bob B.", NewPassword = OverLong(field) },
        };
        var before = (await _app.FindAsync("bob"))!;

        var result = await CallAsync(service => service.UpdateAsync(_root, _bob.Id, edit));

        Assert.Equal(UserRefusal.InvalidInput, result.Refusal);
        Assert.Equal(new FieldError(field, OverLongMessages[field]), Assert.Single(result.FieldErrors));
        var after = (await _app.FindAsync("bob"))!;
        Assert.Equal((before.UserName, before.Email, before.DisplayName, before.PasswordHash, before.SecurityStamp),
            (after.UserName, after.Email, after.DisplayName, after.PasswordHash, after.SecurityStamp));
    }

    [Fact]
    public async Task Set_password_refuses_a_password_over_128_characters_at_its_field()
    {
        var before = (await _app.FindAsync("bob"))!;

        var result = await CallAsync(service => service.SetPasswordAsync(_root, _bob.Id, OverLong(UserFields.Password), false));

        Assert.Equal(UserRefusal.InvalidInput, result.Refusal);
        Assert.Equal(new FieldError(UserFields.Password, OverLongMessages[UserFields.Password]), Assert.Single(result.FieldErrors));
        var after = (await _app.FindAsync("bob"))!;
        Assert.Equal((before.PasswordHash, before.SecurityStamp, before.MustChangePassword),
            (after.PasswordHash, after.SecurityStamp, after.MustChangePassword));
    }

    [Theory]
    [InlineData("BOB", "carol@example.com", UserFields.UserName, "This user name is already taken.")]
    [InlineData("carol", "Bob@Example.COM", UserFields.Email, "This email is already used by another account.")]
    public async Task Create_refuses_a_user_name_or_email_taken_ignoring_case(string userName, string email, string field, string message)
    {
        var accounts = await AccountCountAsync();

        var result = await CallAsync(service => service.CreateAsync(_root, new NewAccount(userName, email, "Carol", "carol-password", Roles.Vendor)));

        Assert.Equal(UserRefusal.InvalidInput, result.Refusal);
        Assert.Equal(new FieldError(field, message), Assert.Single(result.FieldErrors));
        Assert.Equal(accounts, await AccountCountAsync());
    }

    [Theory]
    [InlineData("Bob", "carol@example.com", UserFields.UserName, "This user name is already taken.")]
    [InlineData("carol", "BOB@example.com", UserFields.Email, "This email is already used by another account.")]
    public async Task Edit_refuses_a_user_name_or_email_of_another_account_ignoring_case(string userName, string email, string field,
        string message)
    {
        var carol = await _app.CreateUserAsync("carol", Roles.Vendor, email: "carol@example.com");

        var result = await CallAsync(service => service.UpdateAsync(_root, carol.Id, new AccountEdit(userName, email, carol.DisplayName,
            carol.Role, carol.Status, null, true, AccountVersion.Of(carol))));

        Assert.Equal(UserRefusal.InvalidInput, result.Refusal);
        Assert.Equal(new FieldError(field, message), Assert.Single(result.FieldErrors));
        var stored = (await _app.FindAsync("carol"))!;
        Assert.Equal(("carol", "carol@example.com"), (stored.UserName, stored.Email));
    }

    [Fact]
    public async Task Edit_may_change_the_case_of_the_account_s_own_user_name()
    {
        var result = await CallAsync(service => service.UpdateAsync(_root, _bob.Id, new AccountEdit("Bob", "BOB@example.com", _bob.DisplayName,
            _bob.Role, _bob.Status, null, true, AccountVersion.Of(_bob))));

        Assert.True(result.Succeeded, result.Message);
        var bob = (await _app.FindAsync("Bob"))!;
        Assert.Equal(("Bob", "BOB@example.com"), (bob.UserName, bob.Email));
    }
}
