using AdminPortal.Data;

namespace AdminPortal.Accounts;

/// <summary>
/// The signed-in account as read once per request by <see cref="SessionValidation"/>: the same query that proves the
/// session is still valid also gives the layout its display name, theme and language, so neither costs a query of its own.
/// </summary>
public sealed record CurrentAccount(
    int Id,
    string UserName,
    string DisplayName,
    string Role,
    Theme Theme,
    string Language,
    bool MustChangePassword,
    bool IsPrincipal,
    bool HasSecondFactor = false,
    int UnreadNotifications = 0)
{
    public bool ManagesUsers => Roles.ManagesUsers(Role);
}

public static class CurrentAccountHttpContextExtensions
{
    public static CurrentAccount? GetCurrentAccount(this HttpContext context) => context.Features.Get<CurrentAccount>();

    internal static void SetCurrentAccount(this HttpContext context, CurrentAccount? account) => context.Features.Set(account);
}
