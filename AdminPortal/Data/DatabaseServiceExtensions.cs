using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Data;

public static class DatabaseServiceExtensions
{
    public const string ConnectionStringName = "AdminPortal";
    public const string DefaultConnectionString = "Data Source=App_Data/adminportal.db";
    public const string ProviderKey = "Database:Provider";
    private const string ConnectionStringKey = $"ConnectionStrings:{ConnectionStringName}";

    private static readonly WriteCommandInterceptor WriteInterceptor = new();
    private static readonly NulTextInterceptor NulInterceptor = new();

    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = ParseProvider(configuration[ProviderKey]);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        // Every context comes from a pool (AppDbContexts): made afresh for each request, with options rebuilt each time,
        // a context's set-up was about a third of what a signed-in request allocated.
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                var npgsql = ResolvePostgreSqlConnectionString(configured);
                services.AddAppDbContexts<PostgreSqlAppDbContext>(options =>
                    options.UseNpgsql(npgsql).AddInterceptors(WriteInterceptor, NulInterceptor));
                break;
            default:
                var sqlite = ResolveConnectionString(configured, environment.ContentRootPath);
                services.AddAppDbContexts<SqliteAppDbContext>(options =>
                    options.UseSqlite(sqlite).AddInterceptors(WriteInterceptor));
                break;
        }
        services.AddOptions<RootAccountOptions>().BindConfiguration(RootAccountOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RootAccountOptions>, RootAccountOptionsValidator>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped(WriteTransactions.For);
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }

    /// <summary>Empty means the embedded default, SQLite; anything but the two names stops the start naming the key.</summary>
    internal static DatabaseProvider ParseProvider(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }
        // Enum.TryParse would also take "1" or "Sqlite,PostgreSql": only the names are accepted.
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (string.Equals(configured.Trim(), provider.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }
        throw new OptionsValidationException(ProviderKey, typeof(DatabaseProvider),
            [$"{ProviderKey} must be Sqlite or PostgreSql, not '{configured}'."]);
    }

    internal static string ResolvePostgreSqlConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} must hold a PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…) when {ProviderKey} is PostgreSql."]);
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new ArgumentException("it names no Host.");
            }
            return builder.ConnectionString;
        }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException or FormatException)
        {
            // The message names the key, never the connection string: it may hold a password.
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}"]);
        }
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
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} is not a valid SQLite connection string: {e.Message}"]);
        }
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
        {
            throw new OptionsValidationException(ConnectionStringKey, typeof(string),
                [$"{ConnectionStringKey} must name a Data Source."]);
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
