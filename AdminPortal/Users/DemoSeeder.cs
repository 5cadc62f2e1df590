using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// <c>dotnet run --project AdminPortal -- seed-demo N</c>: adds N realistic demo accounts for trying the user list and
/// benchmarking it, then exits. Fast by design: one password hash shared by all (<see cref="DemoPassword"/>), one
/// prepared INSERT reused, one transaction, indexes rebuilt once at the end. Every demo account is an employee, vendor or (rarely) admin, so never use
/// it on a real database.
/// </summary>
public sealed partial class DemoSeeder(AppDbContext db, IPasswordHasher<AppUser> hasher, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string Command = "seed-demo";
    public const string DemoPassword = "demo-password";
    private const string SearchTrigger = "UserSearch_AfterInsert";
    private const string CountsTrigger = "UserCounts_AfterInsert";

    private static readonly string[] FirstNames =
    [
        "María", "José", "Lucía", "Juan", "Carmen", "Antonio", "Ana", "Manuel", "Laura", "Francisco", "Marta", "David", "Elena",
        "Javier", "Sara", "Daniel", "Paula", "Carlos", "Julia", "Miguel", "Alba", "Pablo", "Irene", "Sergio", "Noelia", "Emma",
        "Oliver", "Sophie", "James", "Chloe", "Liam", "Amelia", "Noah", "Mia", "Lucas", "Zoe", "Hugo", "Léa", "Jonas", "Ingrid",
    ];

    private static readonly string[] LastNames =
    [
        "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez",
        "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
        "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Smith", "Jones", "Brown", "Taylor", "Wilson", "Müller",
        "Schmidt", "Rossi", "Dubois", "Nielsen", "Kowalski", "Silva",
    ];

    private static readonly string[] Domains =
    [
        "example.com", "example.org", "acme-supplies.test", "globex.test", "initech.test", "umbrella.test", "hooli.test",
        "vandelay.test", "soylent.test", "wonka.test",
    ];

    /// <summary>Runs the command if the arguments ask for it; true when it ran (the app then exits).</summary>
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != Command)
        {
            return false;
        }
        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet run --project AdminPortal -- {Command} N   (N demo accounts, N >= 1)");
            Environment.ExitCode = 2;
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(count);
        return true;
    }

    public async Task SeedAsync(int count, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var passwordHash = hasher.HashPassword(new AppUser(), DemoPassword);
        var now = time.GetUtcNow().UtcDateTime;
        var random = new Random(count);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // Demo data only: no fsync and a large page cache, for this connection only.
            await ExecuteAsync(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;", cancellationToken);

            // One transaction: all or nothing, indexes included. Secondary indexes and the insert triggers are dropped first
            // and rebuilt at the end from sorted data, which is many times faster than updating them row by row.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var first = Convert.ToInt64(await ScalarAsync(connection, "SELECT COALESCE(MAX(Id), 0) + 1 FROM AspNetUsers;", cancellationToken),
                CultureInfo.InvariantCulture);
            var schema = await SchemaToRebuildAsync(connection, cancellationToken);
            foreach (var (type, name, _) in schema)
            {
                await ExecuteAsync(connection, $"DROP {type.ToUpperInvariant()} \"{name}\";", cancellationToken);
            }

            await using var insertUser = connection.CreateCommand();
            insertUser.CommandText = """
                INSERT INTO AspNetUsers (Id, DisplayName, Role, Status, Theme, CreatedAt, LastSignInAt, IsPrincipal, MustChangePassword,
                    UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
                    PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ($id, $displayName, $role, $status, 0, $createdAt, $lastSignInAt, 0, 0,
                    $userName, $normalizedUserName, $email, $normalizedEmail, 1, $passwordHash, $stamp, $stamp, 0, 0, 1, 0);
                """;
            var p = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "id", "displayName", "role", "status", "createdAt", "lastSignInAt", "userName", "normalizedUserName", "email", "normalizedEmail", "passwordHash", "stamp" })
            {
                p[name] = insertUser.Parameters.Add(new SqliteParameter("$" + name, null));
            }
            p["passwordHash"].Value = passwordHash;
            await using var insertRole = connection.CreateCommand();
            insertRole.CommandText = "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($userId, $roleId);";
            var userIdParameter = insertRole.Parameters.Add(new SqliteParameter("$userId", null));
            var roleIdParameter = insertRole.Parameters.Add(new SqliteParameter("$roleId", null));
            insertUser.Prepare();
            insertRole.Prepare();

            for (var i = 0; i < count; i++)
            {
                var id = first + i;
                var firstName = FirstNames[random.Next(FirstNames.Length)];
                var lastName = LastNames[random.Next(LastNames.Length)];
                var userName = $"{Ascii(firstName)}.{Ascii(lastName)}{id}";
                var email = $"{userName}@{Domains[random.Next(Domains.Length)]}";
                var roll = random.Next(100);
                var role = roll < 2 ? Roles.Admin : roll < 27 ? Roles.Vendor : Roles.Employee;
                var createdAt = now.AddMinutes(-random.Next(3 * 365 * 24 * 60));
                p["id"].Value = id;
                p["displayName"].Value = $"{firstName} {lastName}";
                p["role"].Value = role;
                p["status"].Value = random.Next(10) == 0 ? (int)AccountStatus.Disabled : (int)AccountStatus.Active;
                p["createdAt"].Value = createdAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                p["lastSignInAt"].Value = random.Next(4) == 0
                    ? DBNull.Value
                    : createdAt.AddMinutes(random.Next((int)Math.Max(1, (now - createdAt).TotalMinutes))).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                p["userName"].Value = userName;
                p["normalizedUserName"].Value = userName.ToUpperInvariant();
                p["email"].Value = email;
                p["normalizedEmail"].Value = email.ToUpperInvariant();
                p["stamp"].Value = Guid.NewGuid().ToString();
                insertUser.ExecuteNonQuery();
                userIdParameter.Value = id;
                roleIdParameter.Value = roleIds[role];
                insertRole.ExecuteNonQuery();
                if ((i + 1) % 100_000 == 0)
                {
                    LogProgress(logger, i + 1, count, watch.Elapsed.TotalSeconds);
                }
            }

            if (schema.Any(s => s.Name == SearchTrigger))
            {
                await ExecuteAsync(connection, $"""
                    INSERT INTO UserSearch(rowid, UserName, Email, DisplayName)
                    SELECT Id, UserName, Email, DisplayName FROM AspNetUsers WHERE Id >= {first};
                    """, cancellationToken);
            }
            if (schema.Any(s => s.Name == CountsTrigger))
            {
                await ExecuteAsync(connection, """
                    DELETE FROM UserCounts;
                    INSERT INTO UserCounts (Role, Status, Count) SELECT Role, Status, COUNT(*) FROM AspNetUsers GROUP BY Role, Status;
                    """, cancellationToken);
            }
            foreach (var (_, _, sql) in schema)
            {
                await ExecuteAsync(connection, sql, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA optimize;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        LogDone(logger, count, watch.Elapsed.TotalSeconds, DemoPassword);
    }

    /// <summary>Names in user names and emails use plain ASCII letters (DESIGN.md: letters, digits, '.', '_', '-').</summary>
    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    /// <summary>The secondary indexes of the tables the seeder fills, and the insert triggers of the search index and the counts, as created.</summary>
    private static async Task<List<(string Type, string Name, string Sql)>> SchemaToRebuildAsync(SqliteConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT type, name, sql FROM sqlite_master
            WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name IN ('AspNetUsers', 'AspNetUserRoles'))
                OR (type = 'trigger' AND name IN ('{SearchTrigger}', '{CountsTrigger}')));
            """;
        var schema = new List<(string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schema.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        return schema;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "seed-demo: {Done}/{Count} accounts ({Seconds:F1} s).")]
    private static partial void LogProgress(ILogger logger, int done, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "seed-demo: added {Count} demo accounts in {Seconds:F1} s; they all share the password '{Password}'.")]
    private static partial void LogDone(ILogger logger, int count, double seconds, string password);
}
