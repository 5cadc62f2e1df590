using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.SignUp;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Users;

public static class UserAdministrationExtensions
{
    public static IServiceCollection AddUserAdministration(this IServiceCollection services)
    {
        services.AddScoped<UserAdministrationService>();
        services.AddOptions<Invitations.InvitationOptions>().BindConfiguration(Invitations.InvitationOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Invitations.InvitationOptions>, Invitations.InvitationOptionsValidator>();
        services.AddScoped<IUserSearch>(provider => provider.GetRequiredService<AppDbContext>() switch
        {
            { Provider: DatabaseProvider.PostgreSql } => new PostgreSqlUserSearch(),
            var db => new SqliteUserSearch(db),
        });
        services.AddScoped<UserDirectory>();
        services.AddScoped<ImportFile>();
        services.AddSignUp();
        services.AddScoped<Home.Dashboard>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Accounts.AdminCommands>();
        services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AuthorizeFolder("/Users", AccountServiceExtensions.UserAdministrationPolicy));
        return services;
    }
}
