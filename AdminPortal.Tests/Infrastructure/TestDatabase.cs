using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The database of one <see cref="AppFactory"/>, created for it and dropped after it: a SQLite file, or, when
/// <see cref="PostgresVariable"/> holds a server's connection string, a PostgreSQL database of its own on that server.
/// So the whole HTTP suite runs on either provider (.ci/run runs it once on each).
/// </summary>
public sealed class TestDatabase
{
    /// <summary>A PostgreSQL server to run the suite on, e.g. <c>Host=127.0.0.1;Username=postgres;Password=postgres</c>.</summary>
    public const string PostgresVariable = "ADMINPORTAL_TEST_POSTGRES";

    private bool _created;

    private TestDatabase(DatabaseProvider provider, string connectionString, string name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
    }

    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server ? server : null;

    /// <summary>The provider the suite runs on.</summary>
    public static DatabaseProvider SuiteProvider => PostgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file's path, or the PostgreSQL database's name.</summary>
    public string Name { get; }

    public static TestDatabase ForSuite() => SuiteProvider == DatabaseProvider.PostgreSql ? PostgreSql(PostgresServer!) : Sqlite();

    public static TestDatabase Sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), "adminportal-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", path);
    }

    public static TestDatabase PostgreSql(string server)
    {
        var name = $"adminportal_test_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, name);
    }

    /// <summary>
    /// Creates the PostgreSQL database (the app migrates it on start). A server that cannot be reached fails the test
    /// under CI=true and skips it with a message elsewhere, as the browser tests do without Chromium.
    /// </summary>
    public void Create()
    {
        if (Provider != DatabaseProvider.PostgreSql || _created)
        {
            return;
        }
        try
        {
            using var connection = new NpgsqlConnection(ServerConnectionString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{Name}\"";
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            var message = $"{PostgresVariable} is set, but its PostgreSQL server cannot be reached ({e.Message}). "
                + "Start it (e.g. `pg_ctlcluster 15 main start`) or unset the variable to run the tests on SQLite.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true: {message}");
            }
            Assert.Skip(message);
        }
        _created = true;
    }

    public async Task DropAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try
                {
                    File.Delete(Name + suffix);
                }
                catch (IOException)
                {
                    // a file still held open is left in the temp folder, not a test failure
                }
            }
            return;
        }
        if (!_created)
        {
            return;
        }
        await using (var own = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(own);
        }
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private string ServerConnectionString() =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
}
