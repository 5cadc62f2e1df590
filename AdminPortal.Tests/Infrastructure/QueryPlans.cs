using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// Issue 11's plan tests: runs a piece of the app with EF Core's command log on (the factory needs
/// <c>Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command</c> at Information), takes the SELECTs it sent, as it
/// sent them, and reads their plans with SQLite's EXPLAIN QUERY PLAN on the real migrations.
/// </summary>
public static partial class QueryPlans
{
    /// <summary>
    /// Each chosen SELECT the work ran, followed by "-- plan:" and its plan's lines, each indented two spaces per level of
    /// the plan's tree (a subquery's steps under it): "USE TEMP B-TREE FOR ORDER BY" at the left is the outer query's.
    /// </summary>
    public static async Task<List<string>> OfAsync(AppFactory app, Func<IServiceProvider, Task> work, Func<string, bool> chosen)
    {
        while (app.Logs.TryDequeue(out _))
        {
        }
        await app.WithServicesAsync(work);
        var commands = app.Logs
            .Where(l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(l => l.Message[(l.Message.IndexOf('\n', StringComparison.Ordinal) + 1)..])
            .Where(chosen)
            .ToList();
        var plans = new List<string>();
        await app.WithDbAsync(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            foreach (var sql in commands)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
                {
                    command.Parameters.AddWithValue(name, DBNull.Value); // the plan does not depend on the values
                }
                var lines = new List<string>();
                var depths = new Dictionary<long, int> { [0] = -1 };
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var depth = depths[reader.GetInt64(0)] = depths.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
                    lines.Add(new string(' ', 2 * depth) + reader.GetString(3));
                }
                plans.Add(sql + "\n-- plan:\n" + string.Join("\n", lines));
            }
            return 0;
        });
        return plans;
    }

    /// <summary>
    /// Whether the plan reads a table of the query from start to end without an index ("SCAN u" alone, where u is a
    /// table's alias). The scan of a derived table (the capped count's "SCAN a0" over at most its limit of rows) is not.
    /// </summary>
    public static bool ScansATable(string planAndSql)
    {
        var aliases = TableAlias().Matches(planAndSql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return Scan().Matches(planAndSql).Any(m => aliases.Contains(m.Groups[1].Value));
    }

    /// <summary>Whether the plan walks a table of the query, row after row, with or without an index ("SCAN u …").</summary>
    public static bool WalksATable(string planAndSql)
    {
        var aliases = TableAlias().Matches(planAndSql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        return Walk().Matches(planAndSql).Any(m => aliases.Contains(m.Groups[1].Value));
    }

    [GeneratedRegex(@"(?m)^ *SCAN (\w+)\b")]
    private static partial Regex Walk();

    [GeneratedRegex(@"(?:FROM|JOIN) ""\w+"" AS (\w+)")]
    private static partial Regex TableAlias();

    [GeneratedRegex(@"(?m)^ *SCAN (\w+)$")]
    private static partial Regex Scan();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
