using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Users;

namespace AdminPortal.Tests.Users;

// DESIGN.md rules 1–8 as plain code, without a database: one class per rule, one fact per case.
public sealed class ActorManagesUsers
{
    [Theory]
    [InlineData(Roles.Root)]
    [InlineData(Roles.Admin)]
    public void Root_and_administrators_manage_users(string role) => Assert.Equal(UserRefusal.None, UserRules.ActorManagesUsers(role));

    [Theory]
    [InlineData(Roles.Vendor)]
    [InlineData(Roles.Employee)]
    [InlineData("ADMIN")]
    [InlineData("")]
    public void Everyone_else_is_refused(string role) => Assert.Equal(UserRefusal.NotUserManager, UserRules.ActorManagesUsers(role));
}

public sealed class PrincipalIsProtected
{
    [Fact]
    public void The_principal_is_refused() =>
        Assert.Equal(UserRefusal.PrincipalProtected, UserRules.PrincipalIsProtected(new AccountState(1, Roles.Root, AccountStatus.Active, IsPrincipal: true)));

    [Fact]
    public void Another_account_may_be_changed() =>
        Assert.Equal(UserRefusal.None, UserRules.PrincipalIsProtected(new AccountState(2, Roles.Admin, AccountStatus.Active, IsPrincipal: false)));
}

public sealed class NotYourOwnAccount
{
    private static readonly AccountState Me = new(5, Roles.Admin, AccountStatus.Active, false);

    [Fact]
    public void Disabling_your_own_account_is_refused() =>
        Assert.Equal(UserRefusal.OwnAccount, UserRules.NotYourOwnAccount(5, Me, Me with { Status = AccountStatus.Disabled }));

    [Fact]
    public void Deleting_your_own_account_is_refused() =>
        Assert.Equal(UserRefusal.OwnAccount, UserRules.NotYourOwnAccount(5, Me, after: null));

    [Fact]
    public void Changing_your_own_role_is_refused() =>
        Assert.Equal(UserRefusal.OwnAccount, UserRules.NotYourOwnAccount(5, Me, Me with { Role = Roles.Vendor }));

    [Fact]
    public void Editing_your_own_name_and_email_is_allowed() =>
        Assert.Equal(UserRefusal.None, UserRules.NotYourOwnAccount(5, Me, Me));

    [Fact]
    public void Disabling_someone_else_is_allowed() =>
        Assert.Equal(UserRefusal.None, UserRules.NotYourOwnAccount(6, Me, Me with { Status = AccountStatus.Disabled }));
}

public sealed class LastUserManagerStays
{
    private static readonly AccountState Admin = new(7, Roles.Admin, AccountStatus.Active, false);

    [Fact]
    public void Disabling_the_last_active_user_manager_is_refused() =>
        Assert.Equal(UserRefusal.LastUserManager, UserRules.LastUserManagerStays(Admin, Admin with { Status = AccountStatus.Disabled }, 0));

    [Fact]
    public void Demoting_the_last_active_user_manager_is_refused() =>
        Assert.Equal(UserRefusal.LastUserManager, UserRules.LastUserManagerStays(Admin, Admin with { Role = Roles.Employee }, 0));

    [Fact]
    public void Deleting_the_last_active_user_manager_is_refused() =>
        Assert.Equal(UserRefusal.LastUserManager, UserRules.LastUserManagerStays(Admin, after: null, 0));

    [Fact]
    public void Another_active_user_manager_lets_it_go_ahead() =>
        Assert.Equal(UserRefusal.None, UserRules.LastUserManagerStays(Admin, after: null, 1));

    [Fact]
    public void A_change_that_keeps_it_a_user_manager_needs_no_other() =>
        Assert.Equal(UserRefusal.None, UserRules.LastUserManagerStays(Admin, Admin with { Role = Roles.Root }, 0));

    [Fact]
    public void Removing_an_account_that_does_not_manage_users_needs_no_count()
    {
        var vendor = new AccountState(8, Roles.Vendor, AccountStatus.Active, false);
        Assert.False(UserRules.MayRemoveUserManager(vendor, after: null));
        Assert.Equal(UserRefusal.None, UserRules.LastUserManagerStays(vendor, after: null, 0));
    }

    [Fact]
    public void A_disabled_admin_is_not_an_active_user_manager() =>
        Assert.False(UserRules.MayRemoveUserManager(Admin with { Status = AccountStatus.Disabled }, after: null));
}

public sealed class RoleIsAssignable
{
    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Vendor)]
    [InlineData(Roles.Employee)]
    public void Admin_vendor_and_employee_are_assignable(string role) => Assert.Equal(UserRefusal.None, UserRules.RoleIsAssignable(role));

    [Theory]
    [InlineData(Roles.Root)]
    [InlineData("superuser")]
    [InlineData("ADMIN")]
    public void Root_and_unknown_roles_are_not(string role) => Assert.Equal(UserRefusal.RoleNotAssignable, UserRules.RoleIsAssignable(role));
}

public sealed class NotStale
{
    [Fact]
    public void The_version_the_form_was_loaded_with_passes() => Assert.Equal(UserRefusal.None, UserRules.NotStale("abc", "abc"));

    [Fact]
    public void A_changed_version_is_refused() => Assert.Equal(UserRefusal.Stale, UserRules.NotStale("abc", "def"));

    [Fact]
    public void A_missing_version_is_refused() => Assert.Equal(UserRefusal.Stale, UserRules.NotStale(null, "def"));
}

public sealed class HasChanges
{
    [Fact]
    public void An_edit_with_no_differences_is_no_changes() =>
        Assert.Equal(UserRefusal.NoChanges, UserRules.HasChanges(new Dictionary<string, FieldChange>(), setsPassword: false));

    [Fact]
    public void A_changed_field_is_a_change() =>
        Assert.Equal(UserRefusal.None, UserRules.HasChanges(new Dictionary<string, FieldChange> { ["Email"] = new("a@x", "b@x") }, setsPassword: false));

    [Fact]
    public void A_new_password_alone_is_a_change() =>
        Assert.Equal(UserRefusal.None, UserRules.HasChanges(new Dictionary<string, FieldChange>(), setsPassword: true));
}

public sealed class EndsSessions
{
    private static readonly AccountState Vendor = new(9, Roles.Vendor, AccountStatus.Active, false);

    [Fact]
    public void A_role_change_ends_sessions() => Assert.True(UserRules.EndsSessions(Vendor, Vendor with { Role = Roles.Employee }, false));

    [Fact]
    public void A_disable_ends_sessions() => Assert.True(UserRules.EndsSessions(Vendor, Vendor with { Status = AccountStatus.Disabled }, false));

    [Fact]
    public void A_delete_ends_sessions() => Assert.True(UserRules.EndsSessions(Vendor, after: null, false));

    [Fact]
    public void A_password_set_ends_sessions() => Assert.True(UserRules.EndsSessions(Vendor, Vendor, setsPassword: true));

    [Fact]
    public void A_display_name_change_keeps_them() => Assert.False(UserRules.EndsSessions(Vendor, Vendor, setsPassword: false));
}

public sealed class SessionsMayBeEnded
{
    [Fact]
    public void Another_account_s_sessions_may_be_ended() =>
        Assert.Equal(UserRefusal.None, UserRules.SessionsMayBeEnded(5, new AccountState(7, Roles.Employee, AccountStatus.Active, false)));

    [Fact]
    public void The_principal_s_sessions_are_refused() =>
        Assert.Equal(UserRefusal.PrincipalProtected, UserRules.SessionsMayBeEnded(5, new AccountState(1, Roles.Root, AccountStatus.Active, true)));

    [Fact]
    public void The_principal_ending_its_own_from_the_administration_pages_is_refused_as_the_principal() =>
        Assert.Equal(UserRefusal.PrincipalProtected, UserRules.SessionsMayBeEnded(1, new AccountState(1, Roles.Root, AccountStatus.Active, true)));

    [Fact]
    public void Your_own_sessions_are_ended_from_your_sessions_not_here() =>
        Assert.Equal(UserRefusal.OwnSessions, UserRules.SessionsMayBeEnded(5, new AccountState(5, Roles.Admin, AccountStatus.Active, false)));
}
