using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Accounts;

/// <summary>Adds DESIGN.md's length limits to Identity's own user validator (characters, uniqueness).</summary>
public sealed class AccountFieldValidator(IStringLocalizer<SharedResource> localizer) : IUserValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user)
    {
        var errors = new List<IdentityError>();
        if (user.UserName is not { Length: >= AppUser.UserNameMinLength and <= AppUser.UserNameMaxLength })
        {
            errors.Add(new IdentityError { Code = "InvalidUserNameLength", Description = localizer["The user name must be 3–30 characters."] });
        }
        if (user.Email is { Length: > AppUser.EmailMaxLength })
        {
            errors.Add(new IdentityError { Code = "InvalidEmailLength", Description = localizer["The email must be at most 100 characters."] });
        }
        if (string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName.Length > AppUser.DisplayNameMaxLength)
        {
            errors.Add(new IdentityError { Code = "InvalidDisplayName", Description = localizer["The display name is required and must be at most 120 characters."] });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
