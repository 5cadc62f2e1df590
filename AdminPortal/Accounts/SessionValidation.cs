using System.Linq.Expressions;
using System.Security.Claims;
using AdminPortal.Data;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Accounts;

/// <summary>
/// Checks every authenticated request against the account's security stamp, status and role. A password change or set,
/// a disable, a delete or a role change updates the stamp (or the status, or the role), so every other session of that
/// account ends at its very next request: there is no validation interval. The account's row is read by the same query
/// that reads the session's ticket (<see cref="Sessions.DatabaseTicketStore"/> joins it through <see cref="StateOf"/>),
/// so a signed-in request costs one query for its session, its account and the layout's unread count together.
/// </summary>
public static class SessionValidation
{
    /// <summary>What a request needs of its account: the session check's columns and the signed-in account as shown.</summary>
    public sealed class AccountState
    {
        public int Id { get; init; }
        public string? SecurityStamp { get; init; }
        public AccountStatus Status { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public Theme Theme { get; init; }
        public string Language { get; init; } = "";
        public bool MustChangePassword { get; init; }
        public bool IsPrincipal { get; init; }
        public bool HasSecondFactor { get; init; }
        public int UnreadNotifications { get; init; }

        internal CurrentAccount ToCurrentAccount() =>
            new(Id, UserName, DisplayName, Role, Theme, Language, MustChangePassword, IsPrincipal, HasSecondFactor, UnreadNotifications);
    }

    /// <summary>The projection of an account's row to its <see cref="AccountState"/>, for the session store's query.</summary>
    public static Expression<Func<AppUser, AccountState>> StateOf(AppDbContext db) => SecondFactors.Inline(db, u => new AccountState
    {
        Id = u.Id,
        SecurityStamp = u.SecurityStamp,
        Status = u.Status,
        UserName = u.UserName!,
        DisplayName = u.DisplayName,
        Role = u.Role,
        Theme = u.Theme,
        Language = u.Language,
        MustChangePassword = u.MustChangePassword,
        IsPrincipal = u.IsPrincipal,
        HasSecondFactor = SecondFactors.Held(u),
        UnreadNotifications = db.Notifications.Count(n => n.UserId == u.Id && n.ReadAt == null),
    });

    /// <summary>Set by the session store with the ticket it read; taken (once) by <see cref="ValidatePrincipalAsync"/>.</summary>
    internal static void SetAccountState(this HttpContext context, AccountState? state) => context.Features.Set(state);

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var claimTypes = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        var state = http.Features.Get<AccountState>();
        http.SetAccountState(null);
        // The role is compared too, so a role change ends the session even where the stamp was left alone. No state (a
        // ticket that did not come from the session store) is no session.
        if (state is null || stamp is null || principal is null
            || !int.TryParse(principal.FindFirstValue(claimTypes.UserIdClaimType), out var id) || id != state.Id
            || state.Status != AccountStatus.Active
            || !string.Equals(state.SecurityStamp, stamp, StringComparison.Ordinal)
            || !principal.IsInRole(state.Role))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        http.SetCurrentAccount(state.ToCurrentAccount());
    }
}
