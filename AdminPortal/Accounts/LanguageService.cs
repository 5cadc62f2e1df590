using AdminPortal.Audit;

namespace AdminPortal.Accounts;

/// <summary>
/// Sets the signed-in account's own language (DESIGN.md "Languages"). The request culture provider reads it from
/// <see cref="CurrentAccount"/>, which the session-validation query already loads, so the next request speaks it.
/// </summary>
public sealed class LanguageService(PreferenceWriter writer, ILogger<LanguageService> logger)
{
    /// <param name="language">One of <see cref="Localization.AppLanguages.Codes"/>, already checked by the caller.</param>
    public async Task<bool> SetAsync(int userId, string language, CancellationToken cancellationToken = default)
    {
        var stored = await writer.SetAsync(userId, u => u.Language, language, AuditActions.AccountLanguageChange, cancellationToken);
        if (stored)
        {
            logger.LogInformation("Account {UserId} set its language to {Language}.", userId, language);
        }
        return stored;
    }
}
