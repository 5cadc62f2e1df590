using AdminPortal.Accounts;
using AdminPortal.Notifications;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace AdminPortal.Audit;

public static class AuditServiceExtensions
{
    /// <summary>
    /// The audit log (page, queries, the page filter every POST passes through, trusted proxies for client addresses)
    /// and in-app notifications. AuditLog and Notifier themselves are registered by AddAccounts().
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditQueries>();
        services.AddScoped<NotificationInbox>();
        services.AddSingleton<AuditRequiredPageFilter>();
        services.Configure<MvcOptions>(options => options.Filters.AddService<AuditRequiredPageFilter>());
        services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Audit", AccountServiceExtensions.UserAdministrationPolicy));

        services.AddOptions<KnownProxiesOptions>().BindConfiguration(KnownProxiesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnownProxiesOptions>, KnownProxiesValidator>();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ConfigureForwardedHeadersFromKnownProxies>();
        return services;
    }
}
