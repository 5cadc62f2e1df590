using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Sessions;

public static class SessionServiceExtensions
{
    /// <summary>Server-side sessions (DESIGN.md "Sessions"): the Identity cookie keeps its ticket in the database.</summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        services.AddScoped<SessionService>();
        return services;
    }
}
