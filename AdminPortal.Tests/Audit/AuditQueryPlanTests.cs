using System.Text.RegularExpressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Audit;

/// <summary>
/// Issue 11: every filter of the audit log, alone and combined, reads its page (and its capped count) from an index in
/// the log's order: no sort of every match and no scan of the table. A user name that no account has any more is found
/// through the index on upper(name) (migration AuditNameIndexes), not by reading every entry.
/// </summary>
public sealed class AuditQueryPlanTests : IAsyncLifetime
{
    private readonly AppFactory _app = new AppFactory().With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");

    public async ValueTask InitializeAsync()
    {
        if (_app.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(300));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<string?, string?, string?, bool, string> Filters() => new()
    {
        // actor, target, action, dates, the index expected
        { null, null, null, false, "IX_AuditEntries_At" },
        { "root", null, null, false, "IX_AuditEntries_ActorId_At" },
        { "nobody-at-all", null, null, false, "IX_AuditEntries_upper_ActorUserName_At_Id" },
        { null, "Nobody-At-All", null, false, "IX_AuditEntries_upper_TargetUserName_At_Id" },
        { null, null, AuditActions.SignInFailure, false, "IX_AuditEntries_Action_At" },
        { null, null, null, true, "IX_AuditEntries_At" },
        { "nobody-at-all", null, AuditActions.UserUpdate, true, "INDEX" },
        { "root", null, AuditActions.UserUpdate, true, "INDEX" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_filter_reads_its_page_and_count_from_an_index(string? actor, string? target, string? action, bool dates, string index)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        var filter = new AuditFilter(actor, action, target,
            dates ? new DateOnly(2020, 1, 1) : null, dates ? new DateOnly(2100, 1, 1) : null);
        foreach (var page in new[] { 1, 3 })
        {
            var plans = await QueryPlans.OfAsync(_app,
                services => services.GetRequiredService<AuditQueries>().PageAsync(filter, page),
                sql => sql.Contains("FROM \"AuditEntries\"", StringComparison.Ordinal));
            Assert.NotEmpty(plans);
            Assert.All(plans, plan =>
            {
                // No sort of the matching entries: the page's ids come in order from the index, and only the page's
                // own entries, looked up by key, are put in order.
                Assert.False(Regex.IsMatch(plan, "(?m)^ +USE TEMP B-TREE FOR ORDER BY"), plan);
                if (plan.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal))
                {
                    Assert.True(Regex.IsMatch(plan, @"(?m)^SEARCH \w+ USING INTEGER PRIMARY KEY"), plan);
                    Assert.Contains("LIST SUBQUERY", plan);
                }
                Assert.False(QueryPlans.ScansATable(plan), plan);
                Assert.Contains(index, plan);
            });
        }
    }
}
