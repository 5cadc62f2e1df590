using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Data;

/// <summary>The UserCounts table the user list's totals come from stays equal to a count of the accounts.</summary>
public sealed class UserCountsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Row(string Role, int Status, int Count);

    private Task<(List<Row> Kept, List<Row> Counted)> BothAsync() => _app.WithDbAsync(async db => (
        await db.Database.SqlQuery<Row>($"""SELECT "Role", "Status", "Count" FROM "UserCounts" WHERE "Count" > 0 ORDER BY "Role", "Status" """).ToListAsync(),
        await db.Database.SqlQuery<Row>($"""SELECT "Role", "Status", CAST(COUNT(*) AS INTEGER) AS "Count" FROM "AspNetUsers" GROUP BY "Role", "Status" ORDER BY "Role", "Status" """).ToListAsync()));

    [Fact]
    public async Task Inserts_deletes_and_role_and_status_changes_keep_the_counts_exact()
    {
        var ann = await _app.CreateUserAsync("ann", Roles.Admin);
        var bob = await _app.CreateUserAsync("bob", Roles.Employee);
        await _app.CreateUserAsync("cid", Roles.Vendor, status: AccountStatus.Disabled);

        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == bob.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, Roles.Vendor).SetProperty(u => u.Status, AccountStatus.Disabled)));
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == ann.Id);
            user.DisplayName = "Ann renamed"; // not a role or status change: no count moves
            user.Status = AccountStatus.Disabled;
            return await db.SaveChangesAsync();
        });
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "cid").ExecuteDeleteAsync());

        var (kept, counted) = await BothAsync();
        Assert.Equal(counted, kept);
        Assert.Contains(new Row(Roles.Vendor, (int)AccountStatus.Disabled, 1), kept);
    }

    [Fact]
    public async Task Seeding_demo_accounts_leaves_the_counts_exact_and_the_list_shows_them()
    {
        await _app.CreateUserAsync("before", Roles.Employee);
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(200));
        await _app.CreateUserAsync("after", Roles.Employee); // the insert trigger is back

        var (kept, counted) = await BothAsync();
        Assert.Equal(counted, kept);

        using var root = await _app.SignedInAsRootAsync();
        var page = await root.GetPageAsync("/Users?role=vendor&status=Active");
        var vendors = counted.Single(r => r.Role == Roles.Vendor && r.Status == (int)AccountStatus.Active).Count;
        Assert.EndsWith($"of {vendors} accounts", page.QuerySelector("#total")!.TextContent.Trim());
    }
}
