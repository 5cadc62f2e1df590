using System.Security.Cryptography;
using System.Text;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Limits;

/// <summary>
/// Counters that every instance shares, in the database: the sign-in and reset rate limits and the unknown-name
/// sign-in pauses, so N tries spread over several instances count as N (DESIGN.md "Instances"). One upsert per hit
/// (INSERT … ON CONFLICT DO UPDATE … RETURNING, the same SQL on SQLite and PostgreSQL) counts atomically, and the
/// same write first deletes the expired windows, so the table holds only live windows without a cleanup job.
/// The keys hold a hash of what is counted, never a typed name or address itself (a name typed at sign-in is often a
/// password); rows live no longer than their window.
/// </summary>
public sealed class SharedCounters(AppDbContext db, TimeProvider time)
{
    /// <summary>Counts one hit in the fixed window (aligned to the clock) that holds now.</summary>
    public async Task<WindowCount> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var length = (long)window.TotalMilliseconds;
        var start = now - now % length;
        var count = await AddAsync(key, start, start + length, now, cancellationToken);
        return new WindowCount(count, DateTimeOffset.FromUnixTimeMilliseconds(start + length));
    }

    /// <summary>Counts one hit for the key's one row, whose life is renewed to <paramref name="lifetime"/> from now at each hit.</summary>
    public async Task<int> HitSlidingAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await AddAsync(key, 0, now + (long)lifetime.TotalMilliseconds, now, cancellationToken);
    }

    /// <summary>Whether the key has a row that has not expired (a pause started by <see cref="HitSlidingAsync"/>).</summary>
    public async Task<bool> IsLiveAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await db.Set<SharedCounter>().AnyAsync(c => c.Key == key && c.ExpiresAt > now, cancellationToken);
    }

    /// <summary>A key for a kind of count and its subject, which is kept only as a hash.</summary>
    public static string Key(string kind, string subject) =>
        $"{kind}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))}";

    private async Task<int> AddAsync(string key, long windowStart, long expiresAt, long now, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "SharedCounters" WHERE "ExpiresAt" <= {now}""", cancellationToken);
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "SharedCounters" ("Key", "WindowStart", "Count", "ExpiresAt") VALUES ({key}, {windowStart}, 1, {expiresAt})
            ON CONFLICT ("Key", "WindowStart") DO UPDATE
                SET "Count" = "SharedCounters"."Count" + 1, "ExpiresAt" = excluded."ExpiresAt"
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken);
        return counts.Single();
    }
}

public readonly record struct WindowCount(int Count, DateTimeOffset WindowEnd);
