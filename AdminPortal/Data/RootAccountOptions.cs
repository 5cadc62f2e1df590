using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Data;

public class RootAccountOptions
{
    public const string Section = "AdminPortal:Root";

    public string UserName { get; set; } = "root";
    public string Email { get; set; } = "root@localhost";

    /// <summary>Empty: a strong password is generated on first boot, logged once, and must be changed.</summary>
    public string? Password { get; set; }
}

/// <summary>Names the configuration key in every failure, so a bad setting is found at once.</summary>
public sealed partial class RootAccountOptionsValidator : IValidateOptions<RootAccountOptions>
{
    public ValidateOptionsResult Validate(string? name, RootAccountOptions options)
    {
        var failures = new List<string>();
        if (options.UserName is not { Length: >= AppUser.UserNameMinLength and <= AppUser.UserNameMaxLength }
            || !UserNameRegex().IsMatch(options.UserName))
        {
            failures.Add($"{RootAccountOptions.Section}:UserName must be 3–30 characters: letters, digits, '.', '_' or '-'.");
        }
        if (string.IsNullOrWhiteSpace(options.Email) || options.Email.Length > AppUser.EmailMaxLength
            || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(options.Email))
        {
            failures.Add($"{RootAccountOptions.Section}:Email must be an email address of at most 100 characters.");
        }
        if (!string.IsNullOrEmpty(options.Password) && options.Password.Length is < 8 or > 128)
        {
            failures.Add($"{RootAccountOptions.Section}:Password must be empty or 8–128 characters.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(AppUser.UserNamePattern)]
    private static partial Regex UserNameRegex();
}
