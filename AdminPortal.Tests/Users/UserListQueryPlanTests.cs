using System.Globalization;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
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
public sealed class UserListQueryPlanTests : IAsyncLifetime
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
    public async Task Every_filter_and_sort_reads_its_first_middle_and_last_page_from_an_index(string? role, string? status, string sort)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        var pages = 0;
        await _app.WithServicesAsync(async services =>
            pages = (await services.GetRequiredService<UserDirectory>().ListAsync(UserListQuery.From(null, role, status, sort, "1", "10"))).PageCount);
        Assert.True(pages >= 3, $"{pages} pages: the middle page must be neither the first nor the last");
        foreach (var page in new[] { "1", (pages / 2).ToString(CultureInfo.InvariantCulture), "999999" })
        {
            var plans = await PlansOfAsync(UserListQuery.From(null, role, status, sort, page, "10"));
            var plan = Assert.Single(plans); // the total comes from the counts table, not from a count of the rows
            // The page's ids are read in the sort order from an index alone, with no sort of every match; only those
            // few rows are then looked up by key and put in order.
            Assert.Contains("LIST SUBQUERY", plan);
            Assert.True(Regex.IsMatch(plan, @"(?m)^ +(SCAN|SEARCH) \w+ USING COVERING INDEX"), plan);
            Assert.False(Regex.IsMatch(plan, @"(?m)^ +USE TEMP B-TREE FOR ORDER BY"), plan);
            Assert.True(Regex.IsMatch(plan, @"(?m)^SEARCH \w+ USING INTEGER PRIMARY KEY"), plan);
            Assert.False(QueryPlans.ScansATable(plan), plan);
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

    [Theory]
    [InlineData("zzqx", SearchMatches.Few)] // no account
    [InlineData("garc", SearchMatches.Many)] // García: about one demo account in forty
    [InlineData(".test", SearchMatches.MostRows)] // most demo addresses
    public async Task A_search_tells_few_matches_from_many_and_from_most_rows(string q, SearchMatches expected)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "The search index's own count is SQLite's; PostgreSQL counts none.");
        // A limit of 10 among the 2,000 demo accounts stands for UserDirectory.CountLimit among a million.
        SearchCount? count = null;
        await _app.WithServicesAsync(async services => count = await services.GetRequiredService<IUserSearch>().CountAsync(q, 10));
        Assert.Equal(expected, count!.Matches);
        Assert.Equal(expected == SearchMatches.Few ? 0 : 11, count.Count);
    }

    [Fact]
    public async Task Many_matches_are_kept_from_the_sort_orders_index_alone_against_one_list_of_them()
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        // The page (in the list's order) and the count with a filter (in no order) of a search with many matches that are
        // not most rows: each entry of the sort order's or the filter's index is tested against the search index's
        // matches, listed once, with no table read per entry (a LIKE on each row walked read one, 150 ms at a million
        // accounts) and no lookup and sort of every match.
        var plans = await QueryPlans.OfAsync(_app, async services =>
        {
            var search = services.GetRequiredService<IUserSearch>();
            var users = services.GetRequiredService<AppDbContext>().Users.AsNoTracking();
            await search.Matching(users, "garc", SearchMatches.Many).OrderBy(u => u.UserName).Select(u => u.Id).Take(11).ToListAsync();
            await search.Matching(users.Where(u => u.Status == AccountStatus.Disabled), "gar", SearchMatches.Many)
                .OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Select(u => u.Id).Take(11).ToListAsync();
            await search.Matching(users.Where(u => u.Status == AccountStatus.Disabled), "gar", SearchMatches.Many)
                .Select(u => u.Id).Take(UserDirectory.CountLimit + 1).ToListAsync();
            await search.Matching(users, "lópez", SearchMatches.Many).OrderBy(u => u.Email).ThenBy(u => u.Id).Select(u => u.Id).Take(11).ToListAsync();
        }, sql => sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));
        Assert.Equal(4, plans.Count);
        Assert.All(plans, plan =>
        {
            Assert.Contains("LIST SUBQUERY", plan);
            Assert.Matches(@"(?m)^(SCAN|SEARCH) a USING COVERING INDEX", plan);
            Assert.DoesNotContain("USE TEMP B-TREE", plan);
            Assert.DoesNotContain("INTEGER PRIMARY KEY", plan);
            Assert.DoesNotContain("LIKE", plan);
        });
    }

    [Fact]
    public async Task The_vendor_picker_walks_its_own_index_in_name_order()
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        var plans = await QueryPlans.OfAsync(_app,
            services => AdminPortal.Api.UserSuggestEndpoint.SuggestAsync("gar", services.GetRequiredService<AppDbContext>(),
                services.GetRequiredService<Microsoft.AspNetCore.Identity.ILookupNormalizer>(), CancellationToken.None),
            sql => sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));
        var plan = Assert.Single(plans);
        // Not the status index that holds every account, with a table read for each one passed.
        Assert.Contains("USING INDEX " + AppDbContext.UserSuggestIndex, plan);
        Assert.DoesNotContain("USE TEMP B-TREE", plan);
    }

    [Theory]
    [InlineData(UserListQuery.CreatedLast7Days)]
    [InlineData(UserListQuery.CreatedLast30Days)]
    [InlineData(UserListQuery.MustChangePassword)]
    [InlineData(UserListQuery.LockedOut)]
    public async Task A_filter_with_few_matches_finds_them_by_its_own_index_and_sorts_only_those(string show)
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        foreach (var sort in new[] { "name", "email_desc", "created" })
        {
            var plans = await PlansOfAsync(UserListQuery.From(null, null, null, sort, "1", null, show: show));
            Assert.NotEmpty(plans);
            Assert.All(plans, plan =>
            {
                // No walk of the accounts in the sort order testing each one (at a million accounts SQLite chose that
                // walk when it was offered): a search by the filter's index, then the page sorted from the matches
                // looked up by key.
                Assert.False(QueryPlans.WalksATable(plan), plan);
                if (plan.Contains("ORDER BY", StringComparison.Ordinal))
                {
                    Assert.Contains("USING INTEGER PRIMARY KEY", plan);
                }
            });
        }
    }

    [Fact]
    public async Task The_dashboards_counts_read_indexes()
    {
        Assert.SkipWhen(_app.Provider != DatabaseProvider.Sqlite, "EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans its own.");
        var plans = await QueryPlans.OfAsync(_app,
            services => services.GetRequiredService<AdminPortal.Home.Dashboard>().ForAdministratorAsync(),
            sql => sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal));
        Assert.Equal(4, plans.Count); // created in 7 and 30 days, must change the password, locked out
        Assert.All(plans, plan =>
        {
            Assert.False(QueryPlans.WalksATable(plan), plan);
            Assert.Matches("USING (COVERING )?INDEX", plan);
        });
    }

    // The plans of the SELECTs on AspNetUsers the list page ran (the page's rows, and a count where there is one).
    private Task<List<string>> PlansOfAsync(UserListQuery query) => QueryPlans.OfAsync(
        _app,
        services => services.GetRequiredService<UserDirectory>().ListAsync(query),
        sql => sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) && sql.Contains("LIMIT", StringComparison.Ordinal));
}
