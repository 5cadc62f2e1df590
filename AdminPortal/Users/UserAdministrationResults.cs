using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>An account as the create form gives it; no password means "email an invitation".</summary>
public sealed record NewAccount(string UserName, string Email, string DisplayName, string? Password, string Role)
{
    public bool Invite => Password is null;

    /// <summary>The holder's language (<c>en</c>, <c>es</c>); null: the language the administrator is using.</summary>
    public string? Language { get; init; }

    /// <summary>The holder must change the password at the first sign-in (only with a password: an invitation's holder chooses theirs).</summary>
    public bool MustChangePassword { get; init; }
}

/// <summary>An edit as the form gives it; <see cref="Version"/> is the <see cref="AccountVersion"/> the form was loaded with.</summary>
public sealed record AccountEdit(
    string UserName,
    string Email,
    string DisplayName,
    string Role,
    AccountStatus Status,
    string? NewPassword,
    bool MustChangePassword,
    string? Version);

/// <summary>A message for one form field, named as in <see cref="UserFields"/>.</summary>
public sealed record FieldError(string Field, string Message);

public static class UserFields
{
    public const string UserName = "UserName";
    public const string Email = "Email";
    public const string DisplayName = "DisplayName";
    public const string Password = "Password";
    public const string Role = "Role";
    public const string Status = "Status";
    public const string Language = "Language";
}

/// <summary>What an administration action did: success, or why not, with a message for the page or its fields.</summary>
public sealed record UserAdministrationResult(UserRefusal Refusal, string? Message, IReadOnlyList<FieldError> FieldErrors, int? UserId = null)
{
    public bool Succeeded => Refusal == UserRefusal.None;

    /// <summary>The account's user name as it was, for the audit record of a refusal.</summary>
    public string? TargetUserName { get; init; }

    public static UserAdministrationResult Success(int userId) => new(UserRefusal.None, null, [], userId);
}
