namespace AdminPortal.Accounts;

/// <summary>
/// An account flagged MustChangePassword reaches nothing but the change-password page, sign-out, and the theme and
/// language switches (which change nothing but how these pages look).
/// </summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Identity/Account/Manage/ChangePassword";

    private static readonly string[] AllowedPaths =
    [
        ChangePasswordPath,
        "/Identity/Account/Logout",
        "/Identity/Account/Manage/Theme",
        "/Identity/Account/Language",
        "/Error",
        "/healthz",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetCurrentAccount() is { MustChangePassword: true }
            && !AllowedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{context.Request.PathBase}{ChangePasswordPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
