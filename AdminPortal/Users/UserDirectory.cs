using AdminPortal.Data;
using AdminPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>One row of the user list: only the columns it shows.</summary>
public sealed record UserRow(int Id, string UserName, string DisplayName, string Email, string Role, AccountStatus Status,
    DateTime CreatedAt, DateTime? LastSignInAt, bool IsPrincipal, DateTime? InvitationExpiresAt = null);

/// <summary>Reads the user list: filter, search, sort and one page, in SQL.</summary>
public sealed class UserDirectory(AppDbContext db, IUserSearch search, TimeProvider time)
{
    /// <summary>Above this many matches a search reads the accounts in the list's order (see IUserSearch).</summary>
    internal const int ManyMatches = 2000;

    public async Task<PagedList<UserRow>> ListAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        // The total first, the cheapest way there is. For a search, the number of accounts the text matches also
        // decides how the page is read; with a role or status filter on top it is only a hint, and the total is counted.
        var matches = query.Q is null ? null : await search.CountAsync(query.Q, cancellationToken);
        // The per-role-and-status counts know nothing of second factors or of the dashboard's other numbers: with those
        // filters the rows are counted (TwoFactorEnabled, CreatedAt, MustChangePassword and LockoutEnd are indexed).
        var total = query.SecondFactor is not null || query.Show is not null ? null
            : query.Q is null ? await CountedAsync(query, cancellationToken)
            : query.Role is null && query.Status is null ? matches : null;
        var rows = Rows(query, manyMatches: matches > ManyMatches);
        total ??= await rows.CountAsync(cancellationToken);
        return await PagedList<UserRow>.CreateAsync(rows, total.Value, query.Page, query.Size, cancellationToken);
    }

    /// <summary>The ids of the accounts the list's search and filters match, in the list's order, at most <paramref name="limit"/>.</summary>
    public async Task<List<int>> MatchingIdsAsync(UserListQuery query, int limit, CancellationToken cancellationToken = default)
    {
        var matches = query.Q is null ? null : await search.CountAsync(query.Q, cancellationToken);
        return await Filtered(query, manyMatches: matches > ManyMatches).Select(u => u.Id).Take(limit).ToListAsync(cancellationToken);
    }

    private IQueryable<UserRow> Rows(UserListQuery query, bool manyMatches) =>
        Filtered(query, manyMatches).Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Email!, u.Role, u.Status, u.CreatedAt,
            u.LastSignInAt, u.IsPrincipal,
            u.Status == AccountStatus.Invited ? db.Invitations.Where(i => i.UserId == u.Id).Select(i => (DateTime?)i.ExpiresAt).FirstOrDefault() : null));

    private IQueryable<AppUser> Filtered(UserListQuery query, bool manyMatches)
    {
        IQueryable<AppUser> users = query.Show == UserListQuery.LockedOut ? LockedOut(time.GetUtcNow()) : db.Users;
        users = users.AsNoTracking();
        var now = time.GetUtcNow().UtcDateTime;
        users = query.Show switch
        {
            UserListQuery.CreatedLast7Days => users.Where(u => u.CreatedAt >= now.AddDays(-7)),
            UserListQuery.CreatedLast30Days => users.Where(u => u.CreatedAt >= now.AddDays(-30)),
            UserListQuery.MustChangePassword => users.Where(u => u.MustChangePassword),
            _ => users,
        };
        if (query.Q is not null)
        {
            users = search.Matching(users, query.Q, manyMatches);
        }
        if (query.Role is not null)
        {
            users = users.Where(u => u.Role == query.Role);
        }
        if (query.Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }
        if (query.SecondFactor is { } secondFactor)
        {
            // An authenticator app or any passkey.
            users = users.Where(u => (u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id)) == secondFactor);
        }
        users = (query.SortKey, query.Descending) switch
        {
            ("email", false) => users.OrderBy(u => u.Email).ThenBy(u => u.Id),
            ("email", true) => users.OrderByDescending(u => u.Email).ThenByDescending(u => u.Id),
            ("role", false) => users.OrderBy(u => u.Role).ThenBy(u => u.UserName),
            ("role", true) => users.OrderByDescending(u => u.Role).ThenByDescending(u => u.UserName),
            ("status", false) => users.OrderBy(u => u.Status).ThenBy(u => u.UserName),
            ("status", true) => users.OrderByDescending(u => u.Status).ThenByDescending(u => u.UserName),
            ("created", false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            ("created", true) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.UserName),
            _ => users.OrderBy(u => u.UserName),
        };
        return users;
    }

    /// <summary>
    /// The accounts whose lockout has not ended at <paramref name="now"/>. SQLite keeps a DateTimeOffset as text, which
    /// EF Core does not compare, so there the comparison is written in SQL against the text EF Core writes (Identity
    /// always stores the end in UTC, so the text orders as the time does); both use the LockoutEnd index.
    /// </summary>
    public IQueryable<AppUser> LockedOut(DateTimeOffset now) => db.Provider == DatabaseProvider.Sqlite
        ? db.Users.FromSql($"""SELECT * FROM "AspNetUsers" WHERE "LockoutEnd" > {now.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture)}""")
        : db.Users.Where(u => u.LockoutEnd > now);

    // With no search, the total is a sum over the UserCounts rows (one per role and status, kept by triggers: see the
    // UserCounts migrations) instead of a count of every account. Quoted names, so the same SQL reads both providers.
    private Task<int> CountedAsync(UserListQuery query, CancellationToken cancellationToken)
    {
        var counts = db.Database.SqlQuery<UserCount>($"""SELECT "Role", "Status", "Count" FROM "UserCounts" """);
        if (query.Role is { } role)
        {
            counts = counts.Where(c => c.Role == role);
        }
        if (query.Status is { } status)
        {
            counts = counts.Where(c => c.Status == status);
        }
        return counts.SumAsync(c => c.Count, cancellationToken);
    }

    private sealed class UserCount
    {
        public string Role { get; init; } = "";
        public AccountStatus Status { get; init; }
        public int Count { get; init; }
    }
}
