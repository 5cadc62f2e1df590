using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AdminPortal.Sessions;

/// <summary>
/// The contexts <see cref="DatabaseTicketStore"/> reads and writes sessions with: apart from the request's unit of work
/// (an activity update must not join it, nor count as the request's write for the audit safety net), and pooled, since
/// every signed-in request needs one. Pooling is safe here and not for the request's context: these are only ever used by
/// the ticket store, which neither listens to <see cref="AppDbContext.Writing"/> nor sets
/// <see cref="AppDbContext.SessionKeptOnRestamp"/>, the state EF Core would not reset between leases.
/// </summary>
public abstract class SessionDbContexts
{
    /// <summary>A context from the pool; disposing it returns it.</summary>
    public abstract AppDbContext Create();

    internal sealed class Of<TContext>(DbContextOptions<TContext> options) : SessionDbContexts
        where TContext : AppDbContext
    {
        private readonly PooledDbContextFactory<TContext> _pool = new(options, poolSize: 64);

        public override AppDbContext Create() => _pool.CreateDbContext();
    }
}
