using AdminPortal.Audit;
using AdminPortal.Data;

namespace AdminPortal.Accounts;

/// <summary>
/// Sets the signed-in account's own theme (DESIGN.md "Theme"). The layout reads the theme from
/// <see cref="CurrentAccount"/>, which the session-validation query already loads, so the next request shows it.
/// </summary>
public sealed class ThemeService(PreferenceWriter writer, ILogger<ThemeService> logger)
{
    public static readonly IReadOnlyList<Theme> Choices = [Theme.Light, Theme.Dark, Theme.System];

    /// <summary>Only the three names are accepted (any case); numbers such as "2" and anything else are refused.</summary>
    public static bool TryParse(string? value, out Theme theme)
    {
        foreach (var choice in Choices)
        {
            if (string.Equals(value, choice.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                theme = choice;
                return true;
            }
        }
        theme = Theme.System;
        return false;
    }

    /// <summary>The value of <c>data-bs-theme</c>: "light" or "dark"; null for System, which the browser resolves.</summary>
    public static string? FixedAttribute(Theme theme) => theme switch
    {
        Theme.Light => "light",
        Theme.Dark => "dark",
        _ => null,
    };

    /// <summary>The English label; views pass it through the localizer.</summary>
    public static string Label(Theme theme) => theme switch
    {
        Theme.Light => "Light",
        Theme.Dark => "Dark",
        _ => "System",
    };

    public async Task<bool> SetAsync(int userId, Theme theme, CancellationToken cancellationToken = default)
    {
        var stored = await writer.SetAsync(userId, u => u.Theme, theme, AuditActions.AccountThemeChange, cancellationToken);
        if (stored)
        {
            logger.LogInformation("Account {UserId} set its theme to {Theme}.", userId, theme);
        }
        return stored;
    }
}
