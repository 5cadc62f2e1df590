using AdminPortal.Audit;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Audit;

/// <summary>
/// Issue 11: the audit log counts matching entries only up to <see cref="AuditQueries.CountLimit"/> (ten million entries
/// are not counted for each page); past it the page says "more than 1,000", pages on by "Next", and knows the total once
/// it reaches the end.
/// </summary>
public sealed class AuditPagingTests : IAsyncLifetime
{
    private const int Entries = AuditQueries.CountLimit + 30;
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        _ = _app.Services;
        await _app.WithDbAsync(async db =>
        {
            var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            db.AuditEntries.AddRange(Enumerable.Range(0, Entries).Select(i => new AuditEntry
            {
                At = at.AddMinutes(i),
                Action = AuditActions.SignOut,
                TargetUserName = $"t{i}",
                Succeeded = true,
            }));
            return await db.SaveChangesAsync();
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Past_the_count_limit_the_total_is_a_lower_bound_until_the_last_page()
    {
        var filter = new AuditFilter(Action: AuditActions.SignOut);
        var first = await PageAsync(filter, 1);
        Assert.False(first.IsTotalExact);
        Assert.Equal(AuditQueries.CountLimit, first.TotalItemCount);
        Assert.True(first.HasNextPage);
        Assert.Equal($"t{Entries - 1}", first[0].TargetUserName); // newest first

        var lastPage = (Entries + AuditQueries.PageSize - 1) / AuditQueries.PageSize;
        var last = await PageAsync(filter, lastPage);
        Assert.True(last.IsTotalExact);
        Assert.Equal(Entries, last.TotalItemCount);
        Assert.Equal("t0", last[^1].TargetUserName);
        Assert.False(last.HasNextPage);

        Assert.Equal(1, (await PageAsync(filter, lastPage + 5)).PageNumber);
    }

    [Fact]
    public async Task The_page_says_more_than_the_limit_and_offers_no_last_page()
    {
        using var browser = await _app.SignedInAsRootAsync();
        var html = await browser.Client.GetStringAsync(new Uri("/Audit?action=auth.signout", UriKind.Relative));
        Assert.Contains("More than 1,000 entries", html, StringComparison.Ordinal);
        Assert.Contains("Next page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Last page", html, StringComparison.Ordinal);
    }

    private async Task<AdminPortal.Infrastructure.PagedList<AuditEntry>> PageAsync(AuditFilter filter, int page)
    {
        AdminPortal.Infrastructure.PagedList<AuditEntry> result = null!;
        await _app.WithServicesAsync(async services => result = await services.GetRequiredService<AuditQueries>().PageAsync(filter, page));
        return result;
    }
}
