namespace AdminPortal.Accounts;

/// <summary>An account flagged MustChangePassword reaches nothing but the change-password page and sign-out.</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Identity/Account/Manage/ChangePassword";

    private static readonly string[] AllowedPaths =
    [
        ChangePasswordPath,
        "/Identity/Account/Logout",
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
