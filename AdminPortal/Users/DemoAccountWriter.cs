using System.Globalization;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace AdminPortal.Users;

internal sealed record DemoAccount(int Id, string UserName, string Email, string DisplayName, string Role, int RoleId,
    AccountStatus Status, DateTime CreatedAt, DateTime? LastSignInAt, string PasswordHash, string Stamp);

/// <summary>
/// seed-demo's bulk insert, the one part of it that differs by provider. One transaction: all or nothing, indexes
/// included. Secondary indexes and the counts' insert trigger (and SQLite's search trigger) are dropped first and rebuilt
/// at the end from the loaded data, which is many times faster than updating them row by row.
/// </summary>
internal abstract class DemoAccountWriter
{
    /// <param name="accounts">The accounts to insert, numbered from the id given (one past the largest one).</param>
    public abstract Task WriteAsync(Func<int, IEnumerable<DemoAccount>> accounts, CancellationToken cancellationToken);
}

internal sealed class SqliteDemoAccountWriter(SqliteConnection connection) : DemoAccountWriter
{
    private const string SearchTrigger = "UserSearch_AfterInsert";
    private const string CountsTrigger = "UserCounts_AfterInsert";

    public override async Task WriteAsync(Func<int, IEnumerable<DemoAccount>> accounts, CancellationToken cancellationToken)
    {
        // Demo data only: no fsync and a large page cache, for this connection only.
        await ExecuteAsync("PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var first = Convert.ToInt32(await ScalarAsync("SELECT COALESCE(MAX(Id), 0) + 1 FROM AspNetUsers;", cancellationToken),
            CultureInfo.InvariantCulture);
        var schema = await SchemaToRebuildAsync(cancellationToken);
        foreach (var (type, name, _) in schema)
        {
            await ExecuteAsync($"DROP {type.ToUpperInvariant()} \"{name}\";", cancellationToken);
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
        await using var insertRole = connection.CreateCommand();
        insertRole.CommandText = "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($userId, $roleId);";
        var userIdParameter = insertRole.Parameters.Add(new SqliteParameter("$userId", null));
        var roleIdParameter = insertRole.Parameters.Add(new SqliteParameter("$roleId", null));
        insertUser.Prepare();
        insertRole.Prepare();

        foreach (var account in accounts(first))
        {
            p["id"].Value = account.Id;
            p["displayName"].Value = account.DisplayName;
            p["role"].Value = account.Role;
            p["status"].Value = (int)account.Status;
            p["createdAt"].Value = account.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            p["lastSignInAt"].Value = account.LastSignInAt is { } at
                ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                : DBNull.Value;
            p["userName"].Value = account.UserName;
            p["normalizedUserName"].Value = account.UserName.ToUpperInvariant();
            p["email"].Value = account.Email;
            p["normalizedEmail"].Value = account.Email.ToUpperInvariant();
            p["passwordHash"].Value = account.PasswordHash;
            p["stamp"].Value = account.Stamp;
            insertUser.ExecuteNonQuery();
            userIdParameter.Value = account.Id;
            roleIdParameter.Value = account.RoleId;
            insertRole.ExecuteNonQuery();
        }

        if (schema.Any(s => s.Name == SearchTrigger))
        {
            await ExecuteAsync($"""
                INSERT INTO UserSearch(rowid, UserName, Email, DisplayName)
                SELECT Id, UserName, Email, DisplayName FROM AspNetUsers WHERE Id >= {first};
                """, cancellationToken);
        }
        if (schema.Any(s => s.Name == CountsTrigger))
        {
            await ExecuteAsync("""
                DELETE FROM UserCounts;
                INSERT INTO UserCounts (Role, Status, Count) SELECT Role, Status, COUNT(*) FROM AspNetUsers GROUP BY Role, Status;
                """, cancellationToken);
        }
        foreach (var (_, _, sql) in schema)
        {
            await ExecuteAsync(sql, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await ExecuteAsync("PRAGMA optimize;", cancellationToken);
    }

    /// <summary>The secondary indexes of the tables the seeder fills, and the insert triggers of the search index and the counts, as created.</summary>
    private async Task<List<(string Type, string Name, string Sql)>> SchemaToRebuildAsync(CancellationToken cancellationToken)
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

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

/// <summary>PostgreSQL: binary COPY, the fastest way rows get in.</summary>
internal sealed class PostgreSqlDemoAccountWriter(NpgsqlConnection connection) : DemoAccountWriter
{
    public override async Task WriteAsync(Func<int, IEnumerable<DemoAccount>> accounts, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Nobody else inserts an account meanwhile (the ids are taken from MAX(Id)); readers go on.
        await ExecuteAsync("""LOCK TABLE "AspNetUsers" IN EXCLUSIVE MODE;""", cancellationToken);
        var first = Convert.ToInt32(await ScalarAsync("""SELECT COALESCE(MAX("Id"), 0) + 1 FROM "AspNetUsers";""", cancellationToken),
            CultureInfo.InvariantCulture);
        var indexes = await IndexesToRebuildAsync(cancellationToken);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync($"""DROP INDEX "{name}";""", cancellationToken);
        }
        await ExecuteAsync("""ALTER TABLE "AspNetUsers" DISABLE TRIGGER "UserCounts_AfterInsert";""", cancellationToken);

        var roles = new List<(int UserId, int RoleId)>();
        await using (var users = await connection.BeginBinaryImportAsync("""
            COPY "AspNetUsers" ("Id", "DisplayName", "Role", "Status", "Theme", "CreatedAt", "LastSignInAt", "IsPrincipal",
                "MustChangePassword", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken))
        {
            foreach (var account in accounts(first))
            {
                await users.StartRowAsync(cancellationToken);
                await users.WriteAsync(account.Id, NpgsqlDbType.Integer, cancellationToken);
                await users.WriteAsync(account.DisplayName, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(account.Role, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync((int)account.Status, NpgsqlDbType.Integer, cancellationToken);
                await users.WriteAsync((int)Theme.System, NpgsqlDbType.Integer, cancellationToken);
                await users.WriteAsync(account.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                if (account.LastSignInAt is { } lastSignInAt)
                {
                    await users.WriteAsync(lastSignInAt, NpgsqlDbType.TimestampTz, cancellationToken);
                }
                else
                {
                    await users.WriteNullAsync(cancellationToken);
                }
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(account.UserName, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(account.UserName.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(account.Email, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(account.Email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(account.PasswordHash, NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync(account.Stamp, NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync(account.Stamp, NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                roles.Add((account.Id, account.RoleId));
            }
            await users.CompleteAsync(cancellationToken);
        }
        await using (var userRoles = await connection.BeginBinaryImportAsync(
            """COPY "AspNetUserRoles" ("UserId", "RoleId") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var (userId, roleId) in roles)
            {
                await userRoles.StartRowAsync(cancellationToken);
                await userRoles.WriteAsync(userId, NpgsqlDbType.Integer, cancellationToken);
                await userRoles.WriteAsync(roleId, NpgsqlDbType.Integer, cancellationToken);
            }
            await userRoles.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync("""ALTER TABLE "AspNetUsers" ENABLE TRIGGER "UserCounts_AfterInsert";""", cancellationToken);
        await ExecuteAsync("""
            DELETE FROM "UserCounts";
            INSERT INTO "UserCounts" ("Role", "Status", "Count")
            SELECT "Role", "Status", COUNT(*) FROM "AspNetUsers" GROUP BY "Role", "Status";
            SELECT setval(pg_get_serial_sequence('"AspNetUsers"', 'Id'), (SELECT MAX("Id") FROM "AspNetUsers"));
            """, cancellationToken);
        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(definition, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await ExecuteAsync("""ANALYZE "AspNetUsers"; ANALYZE "AspNetUserRoles";""", cancellationToken);
    }

    /// <summary>The indexes of the tables the seeder fills that no constraint owns (the keys stay), as created.</summary>
    private async Task<List<(string Name, string Definition)>> IndexesToRebuildAsync(CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename IN ('AspNetUsers', 'AspNetUserRoles')
                AND indexname NOT IN (SELECT conname FROM pg_constraint);
            """;
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        return indexes;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
