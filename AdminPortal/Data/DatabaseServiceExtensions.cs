using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Data;

public static class DatabaseServiceExtensions
{
    public const string ConnectionStringName = "AdminPortal";
    public const string DefaultConnectionString = "Data Source=App_Data/adminportal.db";

    private static readonly WriteCommandInterceptor WriteInterceptor = new();

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(
            configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath);
        services.AddDbContext<AppDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(WriteInterceptor));
        services.AddOptions<RootAccountOptions>().BindConfiguration(RootAccountOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RootAccountOptions>, RootAccountOptionsValidator>();
        services.AddScoped<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>A relative SQLite file is placed under the content root (not the shell's folder), and its folder is created.</summary>
    internal static string ResolveConnectionString(string? configured, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [$"ConnectionStrings:{ConnectionStringName} is not a valid SQLite connection string: {e.Message}"]);
        }
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [$"ConnectionStrings:{ConnectionStringName} must name a Data Source."]);
        }
        if (dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(dataSource) ? dataSource : Path.Combine(contentRoot, dataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
