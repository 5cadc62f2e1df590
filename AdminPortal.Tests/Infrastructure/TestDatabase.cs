using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    // Migrated once per test run; each test's database is a copy of it, which takes a fraction of a migration's time.
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

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
            Execute(ConnectionString, $"CREATE DATABASE \"{Name}\" TEMPLATE \"{Template.Value}\"");
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

    /// <summary>Every value the database holds, as text: the SQLite file (and its log), or each table's rows.</summary>
    public async Task<string> ContentsAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var text = new System.Text.StringBuilder();
            foreach (var file in new[] { Name, Name + "-wal" }.Where(File.Exists))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
                text.Append(await reader.ReadToEndAsync());
            }
            return text.ToString();
        }
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var contents = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT COALESCE(string_agg(t::text, E'\n'), '') FROM \"{table}\" t";
            contents.AppendLine((string?)await rows.ExecuteScalarAsync());
        }
        return contents.ToString();
    }

    /// <summary>SQL that makes every insert into a table fail, as a store that went down would (<see cref="RepairInsertsSql"/> undoes it).</summary>
    public string BreakInsertsSql(string table) => Provider == DatabaseProvider.Sqlite
        ? $"CREATE TRIGGER test_down BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'store down'); END"
        : $"""
            CREATE FUNCTION test_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'store down'; END $$;
            CREATE TRIGGER test_down BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION test_down();
            """;

    public string RepairInsertsSql(string table) => Provider == DatabaseProvider.Sqlite
        ? "DROP TRIGGER test_down"
        : $"""DROP TRIGGER test_down ON "{table}"; DROP FUNCTION test_down();""";

    private string ServerConnectionString() => ServerConnectionString(ConnectionString);

    private static string ServerConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString(connectionString));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A database with every PostgreSQL migration applied and no connection left open, dropped when the run ends.</summary>
    private static string CreateTemplate()
    {
        var server = PostgresServer!;
        var name = $"adminportal_template_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString)
            .Options;
        using var db = new PostgreSqlAppDbContext(options);
        db.Database.Migrate();
        return name;
    }
}
