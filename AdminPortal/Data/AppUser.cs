using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Data;

public class AppUser : IdentityUser<int>
{
    public const int UserNameMaxLength = 30;
    public const int UserNameMinLength = 3;
    public const int EmailMaxLength = 100;
    public const int DisplayNameMaxLength = 120;
    public const string UserNamePattern = @"^[A-Za-z0-9._-]+$";
    public const int LanguageMaxLength = 8;

    public string DisplayName { get; set; } = "";

    /// <summary>The account's one Identity role, kept beside AspNetUserRoles so the user list can filter and sort by it with an index.</summary>
    public string Role { get; set; } = Roles.Employee;

    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public Theme Theme { get; set; } = Theme.System;

    /// <summary>The account's language as a culture name (<c>en</c>, <c>es</c>): its pages and the emails it receives.</summary>
    public string Language { get; set; } = "en";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public bool IsPrincipal { get; set; }
    public bool MustChangePassword { get; set; }
}

public enum AccountStatus
{
    Active = 0,
    Disabled = 1,

    /// <summary>Created by invitation: no password yet, cannot sign in until its holder accepts the emailed link.</summary>
    Invited = 2,

    /// <summary>Asked for through "Request an account": cannot sign in until an administrator approves it (or rejects it: deleted).</summary>
    Pending = 3,
}

public enum Theme
{
    System = 0,
    Light = 1,
    Dark = 2,
}
