using System.Security.Claims;
using AdminPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Accounts;

/// <summary>
/// Checks every authenticated request against the account's security stamp and status with one primary-key
/// query. A password change or set, a disable, a delete or a role change updates the stamp (or the status), so
/// every other session of that account ends at its very next request: there is no validation interval.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var claimTypes = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        if (!int.TryParse(principal?.FindFirstValue(claimTypes.UserIdClaimType), out var id) || stamp is null)
        {
            await RejectAsync(context);
            return;
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                u.SecurityStamp,
                u.Status,
                Account = new CurrentAccount(u.Id, u.UserName!, u.DisplayName, u.Role, u.Theme, u.Language, u.MustChangePassword, u.IsPrincipal,
                    u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id)),
            })
            .SingleOrDefaultAsync(http.RequestAborted);
        // The role is compared too, so a role change ends the session even where the stamp was left alone.
        if (row is null || row.Status != AccountStatus.Active
            || !string.Equals(row.SecurityStamp, stamp, StringComparison.Ordinal)
            || !principal!.IsInRole(row.Account.Role))
        {
            await RejectAsync(context);
            return;
        }
        http.SetCurrentAccount(row.Account);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
