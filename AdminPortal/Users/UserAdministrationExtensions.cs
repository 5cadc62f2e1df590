using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Users;

public static class UserAdministrationExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<IUserSearch, SqliteUserSearch>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Accounts.AdminCommands>();
        services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Users", AccountServiceExtensions.UserAdministrationPolicy));
        return services;
    }
}
