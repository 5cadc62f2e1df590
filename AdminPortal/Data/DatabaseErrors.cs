using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Data;

/// <summary>
/// Reads a failed command the same way on both providers: a unique index refused a row another request took first
/// (a lost race, shown as the plain duplicate's field error), or the database gave up on a transaction because of a
/// concurrent one (SQLite: busy or locked; PostgreSQL: a serialization failure or a deadlock), which is worth a retry.
/// </summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static bool IsUniqueViolation(Exception e) => Find(e) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public static bool IsConcurrencyConflict(Exception e) => Find(e) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    };

    private static Exception? Find(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is SqliteException or PostgresException)
            {
                return current;
            }
        }
        return null;
    }
}
