using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.TwoFactor;

/// <summary>Which accounts must have a second factor (DESIGN.md rule 12).</summary>
public enum TwoFactorScope
{
    None,
    Administrators,
    Everyone,
}

public sealed class TwoFactorOptions
{
    public const string Section = "AdminPortal";
    public const string Key = $"{Section}:{nameof(RequireTwoFactorFor)}";

    /// <summary><c>None</c>, <c>Administrators</c> (root and admin) or <c>Everyone</c>; read as text so only the names pass.</summary>
    public string RequireTwoFactorFor { get; set; } = nameof(TwoFactorScope.Administrators);

    public TwoFactorScope Scope => TryParse(RequireTwoFactorFor, out var scope) ? scope : TwoFactorScope.Administrators;

    public bool Requires(string role) => Scope switch
    {
        TwoFactorScope.Everyone => true,
        TwoFactorScope.Administrators => Roles.ManagesUsers(role),
        _ => false,
    };

    // Enum.TryParse would also take "1" or "None,Everyone": only the names are accepted, in any case.
    public static bool TryParse(string? value, out TwoFactorScope scope)
    {
        foreach (var candidate in Enum.GetValues<TwoFactorScope>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                scope = candidate;
                return true;
            }
        }
        scope = TwoFactorScope.Administrators;
        return false;
    }
}

public sealed class TwoFactorOptionsValidator : IValidateOptions<TwoFactorOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoFactorOptions options) =>
        TwoFactorOptions.TryParse(options.RequireTwoFactorFor, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{TwoFactorOptions.Key} must be one of {string.Join(", ", Enum.GetNames<TwoFactorScope>())}; it is '{options.RequireTwoFactorFor}'.");
}
