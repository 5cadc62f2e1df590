using AdminPortal.Data;
using AdminPortal.Limits;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Accounts;

public static class AccountServiceExtensions
{
    public const string UserAdministrationPolicy = "UserAdministration";
    public const string SignInRateLimit = "signin";
    public static readonly RateLimitRule SignInRule = new(SignInRateLimit, 20, TimeSpan.FromMinutes(5));
    public const string LoginPath = "/Identity/Account/Login";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, AppRole>(options =>
            {
                options.Password.RequiredLength = PasswordLengthValidator.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters =
                    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
                // Version 3 adds AspNetUserPasskeys (issue 15); AppDbContext falls back to it where no services are given.
                options.Stores.SchemaVersion = AppDbContext.IdentitySchemaVersion;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<TwoFactor.HashedRecoveryCodeUserStore>()
            .AddDefaultUI()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TwoFactor.TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordLengthValidator>()
            .AddUserValidator<AccountFieldValidator>();

        services.AddSingleton<ILookupNormalizer, Infrastructure.SafeLookupNormalizer>();
        // Identity's pages and services ask for SignInManager<AppUser>; the app's sign-in service for the subclass: one instance.
        services.AddScoped<TwoFactor.AppSignInManager>();
        services.AddScoped<SignInManager<AppUser>>(provider => provider.GetRequiredService<TwoFactor.AppSignInManager>());

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "AdminPortal.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = LoginPath;
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
            options.Events.OnRedirectToLogin = context =>
            {
                if (IsApiRequest(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                else
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                return Task.CompletedTask;
            };
            // A signed-in user without the right role gets a real 403 (rendered by the error page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(UserAdministrationPolicy, policy => policy.RequireRole(Roles.UserManagers));

        services.AddScoped<SignInService>();
        services.AddScoped<UnknownLoginLockout>();
        services.AddScoped<AccountSelfService>();
        services.AddHttpContextAccessor();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Notifications.Notifier>();

        // Per client address, on top of the per-account lockout; shared by every instance (DESIGN.md "Instances").
        services.AddSharedRateLimit(SignInRule);
        return services;
    }

    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
