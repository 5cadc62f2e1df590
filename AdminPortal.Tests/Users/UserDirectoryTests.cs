using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>
/// The user list reads a page several ways (issue 11): a search that matches many accounts reads the accounts in sort
/// order keeping the matching ones; a total past <see cref="UserDirectory.CountLimit"/> is not counted to the end; a page
/// past the middle is read from the other end. Each must give exactly the page a plain count, sort and skip gives.
/// </summary>
public sealed class UserDirectoryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(UserDirectory.CountLimit * 3));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(".test", null, null, 1, true)]
    [InlineData(".test", "email_desc", null, 3, true)]
    [InlineData(".test", "created", "vendor", 2, true)]
    [InlineData("example.com", "name_desc", null, 1, false)]
    public async Task Many_matches_give_the_same_page_and_total_as_a_plain_count_and_sort(string q, string? sort, string? role, int page, bool many)
    {
        var query = UserListQuery.From(q: q, role: role, status: null, sort: sort, page: page.ToString(System.Globalization.CultureInfo.InvariantCulture), size: "25");
        AdminPortal.Infrastructure.PagedList<UserRow> listed = null!;
        await _app.WithServicesAsync(async services => listed = await services.GetRequiredService<UserDirectory>().ListAsync(query));

        var everyMatch = await _app.WithDbAsync(db => db.Users.AsNoTracking()
            .Where(u => u.UserName!.Contains(q) || u.Email!.Contains(q) || u.DisplayName.Contains(q))
            .Where(u => role == null || u.Role == role)
            .Select(u => new { u.Id, u.UserName, u.Email, u.CreatedAt })
            .ToListAsync());
        if (many && role is null)
        {
            Assert.True(everyMatch.Count > UserDirectory.CountLimit, $"only {everyMatch.Count} matches: the other way is not tested");
        }
        var ordered = sort switch
        {
            "email_desc" => everyMatch.OrderByDescending(u => u.Email, StringComparer.Ordinal).ThenByDescending(u => u.Id),
            "created" => everyMatch.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "name_desc" => everyMatch.OrderByDescending(u => u.UserName, StringComparer.Ordinal),
            _ => everyMatch.OrderBy(u => u.UserName, StringComparer.Ordinal),
        };

        if (everyMatch.Count > UserDirectory.CountLimit)
        {
            Assert.False(listed.IsTotalExact);
            Assert.Equal(UserDirectory.CountLimit, listed.TotalItemCount); // "more than 1,000"
            Assert.True(listed.HasNextPage);
        }
        else
        {
            Assert.True(listed.IsTotalExact);
            Assert.Equal(everyMatch.Count, listed.TotalItemCount);
        }
        Assert.Equal(ordered.Skip((page - 1) * 25).Take(25).Select(u => u.Id), listed.Select(r => r.Id));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("email_desc", null)]
    [InlineData("created", "vendor")]
    [InlineData("role", null)]
    [InlineData("status_desc", null)]
    public async Task Pages_past_the_middle_read_from_the_other_end_give_the_same_rows(string? sort, string? role)
    {
        var all = await _app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => role == null || u.Role == role)
            .Select(u => new { u.Id, u.UserName, u.Email, u.Role, u.Status, u.CreatedAt }).ToListAsync());
        var ordered = (sort switch
        {
            "email_desc" => all.OrderByDescending(u => u.Email, StringComparer.Ordinal).ThenByDescending(u => u.Id),
            "created" => all.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "role" => all.OrderBy(u => u.Role, StringComparer.Ordinal).ThenBy(u => u.UserName, StringComparer.Ordinal),
            "status_desc" => all.OrderByDescending(u => u.Status).ThenByDescending(u => u.UserName, StringComparer.Ordinal),
            _ => all.OrderBy(u => u.UserName, StringComparer.Ordinal),
        }).Select(u => u.Id).ToList();
        var lastPage = (ordered.Count + 24) / 25;
        foreach (var page in new[] { lastPage / 2 + 1, lastPage - 1, lastPage, lastPage + 7 })
        {
            var listed = await ListAsync(UserListQuery.From(null, role, null, sort, page.ToString(System.Globalization.CultureInfo.InvariantCulture), "25"));
            var expected = Math.Min(page, lastPage);
            Assert.Equal(expected, listed.PageNumber);
            Assert.Equal(ordered.Skip((expected - 1) * 25).Take(25), listed.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task A_search_past_the_count_limit_pages_on_to_its_end_where_the_total_is_known()
    {
        // ".test" matches most demo accounts: more than CountLimit, so the total is a lower bound until the last page.
        var matching = await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email!.Contains(".test") || u.UserName!.Contains(".test") || u.DisplayName.Contains(".test")));
        var lastPage = (matching + 99) / 100;
        var first = await ListAsync(UserListQuery.From(".test", null, null, null, "1", "100"));
        Assert.False(first.IsTotalExact);
        Assert.Equal(UserDirectory.CountLimit / 100, first.PageCount); // the pages the limit covers, and "Next"; no last page
        Assert.True(first.HasNextPage);

        var last = await ListAsync(UserListQuery.From(".test", null, null, null, lastPage.ToString(System.Globalization.CultureInfo.InvariantCulture), "100"));
        Assert.True(last.IsTotalExact);
        Assert.Equal(matching, last.TotalItemCount);
        Assert.False(last.HasNextPage);

        var past = await ListAsync(UserListQuery.From(".test", null, null, null, (lastPage + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "100"));
        Assert.Equal(1, past.PageNumber); // an old link past the end shows the first page
    }

    private async Task<AdminPortal.Infrastructure.PagedList<UserRow>> ListAsync(UserListQuery query)
    {
        AdminPortal.Infrastructure.PagedList<UserRow> listed = null!;
        await _app.WithServicesAsync(async services => listed = await services.GetRequiredService<UserDirectory>().ListAsync(query));
        return listed;
    }
}
