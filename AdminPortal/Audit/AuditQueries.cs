using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Audit;

/// <summary>What the audit log page filters by. Dates are whole UTC days, both ends included.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? Target = null, DateOnly? From = null, DateOnly? To = null, string? Batch = null);

/// <summary>Reads the append-only audit log: nothing here (or anywhere) updates or deletes an entry.</summary>
public sealed class AuditQueries(AppDbContext db, ILookupNormalizer normalizer)
{
    public const int PageSize = 25;

    /// <summary>Matching entries are counted up to this many; past it the page says "more than 1,000" (issue 11).</summary>
    public const int CountLimit = 1000;

    public async Task<PagedList<AuditEntry>> PageAsync(AuditFilter filter, int pageNumber, CancellationToken cancellationToken = default)
    {
        var query = await QueryAsync(filter, cancellationToken);
        // The page's ids are read first, newest first from an index alone (SQLite's indexes end with the rowid;
        // PostgreSQL's audit indexes include the id), then those entries by key: a deep page skips index entries, not
        // rows of a table of millions.
        return await PagedList<AuditEntry>.CreateCappedAsync(query, CountLimit, pageNumber, PageSize, cancellationToken,
            window: (skip, take) =>
            {
                var ids = query.Select(e => e.Id).Skip(skip).Take(take);
                return Newest(db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.Id)));
            });
    }

    /// <summary>Every matching entry, newest first, read as a stream (for the CSV export).</summary>
    public async Task<IAsyncEnumerable<AuditEntry>> StreamAsync(AuditFilter filter, CancellationToken cancellationToken = default) =>
        (await QueryAsync(filter, cancellationToken)).AsAsyncEnumerable();

    public Task<AuditEntry?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    /// <summary>The latest entries that name the account as actor or target (the user details page shows them).</summary>
    public Task<List<AuditEntry>> RecentForAccountAsync(int userId, int count = 10, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(e => e.TargetId == userId || e.ActorId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(count)
            .ToListAsync(cancellationToken);

    public static IReadOnlyDictionary<string, FieldChange> ChangesOf(AuditEntry entry)
    {
        if (string.IsNullOrEmpty(entry.Changes))
        {
            return new Dictionary<string, FieldChange>();
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, FieldChange>>(entry.Changes, AuditLog.JsonOptions) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, FieldChange> { ["?"] = new(null, entry.Changes) };
        }
    }

    private async Task<IQueryable<AuditEntry>> QueryAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            // An existing account is found by id (indexed, and survives renames); a deleted one by its name then.
            var id = await AccountIdAsync(filter.Actor, cancellationToken);
            // A deleted account's name, ignoring case (user names are ASCII): upper() is the same on both providers.
            var name = filter.Actor.Trim().ToUpperInvariant();
            query = id is { } actorId
                ? query.Where(e => e.ActorId == actorId)
                : query.Where(e => e.ActorUserName!.ToUpper() == name);
        }
        if (!string.IsNullOrWhiteSpace(filter.Target))
        {
            var id = await AccountIdAsync(filter.Target, cancellationToken);
            var name = filter.Target.Trim().ToUpperInvariant();
            query = id is { } targetId
                ? query.Where(e => e.TargetId == targetId)
                : query.Where(e => e.TargetUserName!.ToUpper() == name);
        }
        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }
        if (!string.IsNullOrEmpty(filter.Batch))
        {
            query = query.Where(e => e.BatchId == filter.Batch);
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        // The last day of the calendar has no next day to stop before: every entry is before its end.
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        return Newest(query);
    }

    private static IOrderedQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    private Task<int?> AccountIdAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeName(userName.Trim());
        return db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
    }

}
