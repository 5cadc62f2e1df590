using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>
/// A search that matches many accounts reads the page another way (the accounts in sort order, keeping the
/// matching ones): it must give exactly the page and total the plain way gives.
/// </summary>
public sealed class UserDirectoryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _ = _app.Services;
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(UserDirectory.ManyMatches * 3));
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
            Assert.True(everyMatch.Count > UserDirectory.ManyMatches, $"only {everyMatch.Count} matches: the other way is not tested");
        }
        var ordered = sort switch
        {
            "email_desc" => everyMatch.OrderByDescending(u => u.Email, StringComparer.Ordinal).ThenByDescending(u => u.Id),
            "created" => everyMatch.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            "name_desc" => everyMatch.OrderByDescending(u => u.UserName, StringComparer.Ordinal),
            _ => everyMatch.OrderBy(u => u.UserName, StringComparer.Ordinal),
        };

        Assert.Equal(everyMatch.Count, listed.TotalItemCount);
        Assert.Equal(ordered.Skip((page - 1) * 25).Take(25).Select(u => u.Id), listed.Select(r => r.Id));
    }
}
