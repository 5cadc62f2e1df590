using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

/// <summary>
/// Sets the signed-in account's own theme (DESIGN.md "Theme"). The layout reads the theme from
/// <see cref="CurrentAccount"/>, which the session-validation query already loads, so the next request shows it.
/// </summary>
public sealed class ThemeService(AppDbContext db, AuditLog audit, ILogger<ThemeService> logger)
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

    /// <summary>
    /// Writes the theme with ExecuteUpdate rather than through UserManager: one column, no user validation and no
    /// new stamps (the administrators' edit form does not show the theme, so its version is unchanged either way);
    /// the security stamp is left alone, so no session ends. The update and its audit entry share one transaction:
    /// both are written or neither.
    /// </summary>
    public async Task<bool> SetAsync(int userId, Theme theme, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.Theme })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return false;
        }
        if (account.Theme == theme)
        {
            return true;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme), cancellationToken);
        audit.Add(AuditActions.AccountThemeChange, userId, account.UserName,
            new Dictionary<string, FieldChange> { ["Theme"] = new(account.Theme.ToString(), theme.ToString()) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Account {UserId} set its theme to {Theme}.", userId, theme);
        return true;
    }
}
