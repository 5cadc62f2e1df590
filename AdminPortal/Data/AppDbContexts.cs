using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

/// <summary>
/// Where every <see cref="AppDbContext"/> comes from: a pool of the configured provider's contexts. The request's own
/// context (the scoped <see cref="AppDbContext"/>) is one, and so is each context the session store takes apart from the
/// request's unit of work. EF Core resets what it knows of a context returned to the pool (tracked entities, the
/// connection and its transaction); the app's own state on it is cleared here, as each one is leased.
/// </summary>
public abstract class AppDbContexts
{
    /// <summary>How many idle contexts are kept: more than the requests a 2-core instance serves at once.</summary>
    public const int PoolSize = 128;

    /// <summary>A context of its own, not the request's; disposing it returns it to the pool.</summary>
    public abstract AppDbContext Create();

    internal sealed class Of<TContext>(IDbContextFactory<TContext> pool) : AppDbContexts where TContext : AppDbContext
    {
        public override AppDbContext Create() => pool.CreateDbContext().Leased();
    }
}

public static class AppDbContextsServiceExtensions
{
    internal static IServiceCollection AddAppDbContexts<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> options)
        where TContext : AppDbContext
    {
        services.AddPooledDbContextFactory<TContext>(options, AppDbContexts.PoolSize);
        services.AddSingleton<AppDbContexts, AppDbContexts.Of<TContext>>();
        // The request's context: disposed with the request's scope, which returns it to the pool.
        services.AddScoped(provider => provider.GetRequiredService<AppDbContexts>().Create());
        return services;
    }
}
