using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Data;

/// <summary>
/// A transaction that holds the accounts' write lock from its first statement, so the checks it reads (rule 4's last
/// user manager, rule 5's free name) and the write it makes cannot interleave with another such transaction, nor with
/// any other write to the accounts.
/// </summary>
public abstract class WriteTransactions
{
    public abstract Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken);

    public static WriteTransactions For(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        return db.Provider == DatabaseProvider.PostgreSql ? new PostgreSql(db) : new Sqlite(db);
    }

    /// <summary>BEGIN IMMEDIATE (Microsoft.Data.Sqlite starts a serializable transaction that way): the database's one write lock.</summary>
    private sealed class Sqlite(AppDbContext db) : WriteTransactions
    {
        public override Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken) =>
            db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
    }

    /// <summary>
    /// SHARE ROW EXCLUSIVE on AspNetUsers: it conflicts with itself and with the ROW EXCLUSIVE every insert, update and
    /// delete takes, so it waits for the writers in flight and keeps new ones waiting until the commit, while readers go
    /// on. Read committed then sees every committed write, as SQLite's write lock does; no serialization failures to retry.
    /// </summary>
    private sealed class PostgreSql(AppDbContext db) : WriteTransactions
    {
        public override async Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "AspNetUsers" IN SHARE ROW EXCLUSIVE MODE""", cancellationToken);
            return transaction;
        }
    }
}
