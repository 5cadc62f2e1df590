using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Accounts;

/// <summary>Identity has a minimum length but no maximum; every password path passes through here.</summary>
public sealed class PasswordLengthValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = localizer["The password must be at most {0} characters.", MaxLength],
            })
            : IdentityResult.Success);
}
