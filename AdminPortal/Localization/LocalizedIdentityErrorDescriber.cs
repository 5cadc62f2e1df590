using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Localization;

/// <summary>
/// Identity's own error messages (password rules, duplicates, lockout, tokens) through the shared resources, so
/// they follow the request's language like every other text. The codes stay Identity's.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "An unknown failure has occurred.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Optimistic concurrency failure, object has been modified.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Incorrect password.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Invalid token.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Recovery code redemption failed.");
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "A user with this login already exists.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "The user name '{0}' may only contain letters, digits, dots, underscores and hyphens.", userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Email '{0}' is invalid.", email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "User name '{0}' is already taken.", userName ?? "");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Email '{0}' is already taken.", email ?? "");
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Role name '{0}' is invalid.", role ?? "");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "Role name '{0}' is already taken.", role ?? "");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "User already has a password set.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Lockout is not enabled for this user.");
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "User already in role '{0}'.", role ?? "");
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "User is not in role '{0}'.", role ?? "");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "The password must be at least {0} characters.", length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "The password must have at least one character that is not a letter or a digit.");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "The password must have at least one digit ('0'-'9').");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "The password must have at least one lowercase letter ('a'-'z').");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "The password must have at least one uppercase letter ('A'-'Z').");

    private IdentityError Error(string code, string message, params object[] arguments) =>
        new() { Code = code, Description = localizer[message, arguments] };
}
