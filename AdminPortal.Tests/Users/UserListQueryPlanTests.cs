using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tests.Users;

/// <summary>
/// Issue 11: every filter and sort order the user list offers reads its page from an index, in order, with no sort of
/// every match (SQLite's "USE TEMP B-TREE FOR ORDER BY") and no scan of the table without an index. The page's queries are
/// taken from the app's own command log, as it sent them, and their plans read with EXPLAIN QUERY PLAN on the real
/// migrations, after seed-demo's ANALYZE.
/// </summary>
public sealed partial class UserListQueryPlanTests : IAsyncLifetime
{
    private readonly AppFactory _app = new AppFactory().With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");

    public async ValueTask InitializeAsync()
    {
        if (_app.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(2000));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<string?, string?, string> Combinations()
    {
        var data = new TheoryData<string?, string?, string>();
        foreach (var role in new[] { null, Roles.Vendor })
        {
            foreach (var status in new[] { null, nameof(AccountStatus.Disabled) })
            {
                foreach (var sort in UserListQuery.SortKeys.SelectMany(k => new[] { k, k + "_desc" }))
                {
                    data.Add(role, status, sort);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_filter_and_sort_reads_its_first_and_last_page_from_an_index(string? role, string? status, string sort)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        foreach (var page in new[] { "1", "999999" })
        {
            var plans = await PlansOfAsync(UserListQuery.From(null, role, status, sort, page, null));
            var page1 = Assert.Single(plans); // the total comes from the counts table, not from a count of the rows
            Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", page1);
            Assert.Matches("USING (COVERING )?INDEX", page1);
            Assert.DoesNotMatch(FullScan(), page1);
        }
    }

    [Theory]
    [InlineData("ez")] // two characters: LIKE on each row
    [InlineData(".test")] // the search index, with more matches than UserDirectory.CountLimit among 2,000 demo accounts
    public async Task A_search_with_many_matches_reads_the_sort_order_from_an_index(string q)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        foreach (var sort in new[] { "name", "email_desc", "created" })
        {
            var plans = await PlansOfAsync(UserListQuery.From(q, null, null, sort, "2", null));
            Assert.NotEmpty(plans);
            Assert.All(plans, plan => Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan));
        }
    }

    // The plans of the SELECTs on AspNetUsers the list page ran (the page's rows, and a count where there is one).
    private async Task<List<string>> PlansOfAsync(UserListQuery query)
    {
        while (_app.Logs.TryDequeue(out _))
        {
        }
        await _app.WithServicesAsync(services => services.GetRequiredService<UserDirectory>().ListAsync(query));
        var commands = _app.Logs
            .Where(l => l.Category == "Microsoft.EntityFrameworkCore.Database.Command" && l.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal))
            .Select(l => l.Message[(l.Message.IndexOf('\n', StringComparison.Ordinal) + 1)..])
            .Where(sql => sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal))
            .ToList();
        var plans = new List<string>();
        await _app.WithDbAsync(async db =>
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
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    lines.Add(reader.GetString(3));
                }
                plans.Add(sql + "\n-- plan:\n" + string.Join("\n", lines));
            }
            return 0;
        });
        return plans;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    // "SCAN u" alone: every row of the table, in no useful order.
    [GeneratedRegex(@"(?m)^SCAN \w+$")]
    private static partial Regex FullScan();
}
