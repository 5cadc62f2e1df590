using Microsoft.Extensions.Options;

namespace AdminPortal.SignUp;

/// <summary>Whether newcomers may ask for an account (DESIGN.md "Account lifecycle").</summary>
public enum SelfRegistrationMode
{
    Off,
    RequiresApproval,
}

/// <summary>The <c>AdminPortal:SelfRegistration</c> setting: <c>Off</c> (default) or <c>RequiresApproval</c>.</summary>
public sealed class SelfRegistrationOptions
{
    public const string Section = "AdminPortal";
    public const string Key = $"{Section}:{nameof(SelfRegistration)}";

    /// <summary>Read as text so only the names pass (not "1", not "Off,RequiresApproval").</summary>
    public string SelfRegistration { get; set; } = nameof(SelfRegistrationMode.Off);

    public SelfRegistrationMode Mode => TryParse(SelfRegistration, out var mode) ? mode : SelfRegistrationMode.Off;

    public bool Enabled => Mode == SelfRegistrationMode.RequiresApproval;

    public static bool TryParse(string? value, out SelfRegistrationMode mode)
    {
        foreach (var candidate in Enum.GetValues<SelfRegistrationMode>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }
        mode = SelfRegistrationMode.Off;
        return false;
    }
}

public sealed class SelfRegistrationOptionsValidator : IValidateOptions<SelfRegistrationOptions>
{
    public ValidateOptionsResult Validate(string? name, SelfRegistrationOptions options) =>
        SelfRegistrationOptions.TryParse(options.SelfRegistration, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{SelfRegistrationOptions.Key} must be one of {string.Join(", ", Enum.GetNames<SelfRegistrationMode>())}; it is '{options.SelfRegistration}'.");
}
