using Microsoft.Extensions.Options;

namespace AdminPortal.PasswordReset;

/// <summary>The <c>PasswordReset:*</c> settings (DESIGN.md "Configuration").</summary>
public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long the grant a right code is exchanged for lets step 3 set the password.</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromMinutes(10);

    /// <summary>"Send a new code" waits this long after the previous code (DESIGN.md).</summary>
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(60);
}

public sealed class PasswordResetOptionsValidator : IValidateOptions<PasswordResetOptions>
{
    public ValidateOptionsResult Validate(string? name, PasswordResetOptions options)
    {
        var failures = new List<string>();
        if (options.CodeLifetime < TimeSpan.FromMinutes(1) || options.CodeLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"{PasswordResetOptions.Section}:CodeLifetime must be between 00:01:00 and 1.00:00:00.");
        }
        if (options.MaxAttempts is < 1 or > 20)
        {
            failures.Add($"{PasswordResetOptions.Section}:MaxAttempts must be between 1 and 20.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
