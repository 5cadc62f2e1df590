using AdminPortal.Accounts;
using Microsoft.Extensions.Options;

namespace AdminPortal.TwoFactor;

/// <summary>
/// DESIGN.md rule 12: an account that <see cref="TwoFactorOptions"/> holds to a second factor and has none reaches
/// nothing but the set-up page and sign-out, right after its password (and after a forced password change, which
/// <see cref="MustChangePasswordMiddleware"/> runs first).
/// </summary>
public sealed class TwoFactorRequiredMiddleware(RequestDelegate next, IOptions<TwoFactorOptions> options)
{
    public const string SetupPath = "/Identity/Account/Manage/EnableAuthenticator";

    /// <summary>The alternative: a passkey is a second factor too.</summary>
    public const string PasskeysPath = "/Identity/Account/Manage/Passkeys";

    private static readonly string[] AllowedPaths =
    [
        SetupPath,
        PasskeysPath,
        "/Identity/Account/Manage/ShowRecoveryCodes",
        "/Identity/Account/Logout",
        "/Error",
        "/healthz",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetCurrentAccount() is { HasSecondFactor: false, MustChangePassword: false } account && options.Value.Requires(account.Role))
        {
            context.Items[SetupRequiredItem] = true;
            if (!AllowedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect($"{context.Request.PathBase}{SetupPath}");
                return Task.CompletedTask;
            }
        }
        return next(context);
    }

    internal const string SetupRequiredItem = "AdminPortal.SecondFactorSetupRequired";
}

public static class SecondFactorSetupHttpContextExtensions
{
    /// <summary>True while the signed-in account must set up a second factor before any other page.</summary>
    public static bool MustSetUpSecondFactor(this HttpContext context) => context.Items.ContainsKey(TwoFactorRequiredMiddleware.SetupRequiredItem);
}
