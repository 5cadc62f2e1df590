using AdminPortal.Data;
using AdminPortal.Infrastructure;
using AdminPortal.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>One row of the user list: only the columns it shows.</summary>
public sealed record UserRow(int Id, string UserName, string DisplayName, string Email, string Role, AccountStatus Status,
    DateTime CreatedAt, DateTime? LastSignInAt, bool IsPrincipal, DateTime? InvitationExpiresAt = null);

/// <summary>Reads the user list: filter, search, sort and one page, in SQL.</summary>
public sealed class UserDirectory(AppDbContext db, IUserSearch search, TimeProvider time)
{
    /// <summary>
    /// Totals are counted up to this many; past it the list says "more than 1,000" and pages on by "Next", as counting
    /// every match of a search or filter among a million accounts costs more than the page itself (issue 11).
    /// </summary>
    public const int CountLimit = 1000;

    public async Task<PagedList<UserRow>> ListAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        var (total, matches, matchingIds) = await TotalAsync(query, cancellationToken);
        if (total is null)
        {
            return await PagedList<UserRow>.CreatePastLimitAsync(Rows(query, matches), CountLimit, query.Page, query.Size, cancellationToken);
        }
        var lastPage = Math.Max(1, (int)Math.Ceiling(total.Value / (double)query.Size));
        var page = Math.Clamp(query.Page, 1, lastPage);
        var offset = (page - 1) * query.Size;
        var count = Math.Min(query.Size, total.Value - offset);
        List<UserRow> items;
        if (count <= 0)
        {
            items = [];
        }
        else if (matchingIds is not null)
        {
            // A few matches found through their filter's own index: the page is sorted from those accounts alone, looked
            // up by key, instead of walking the sort order's index past every account that does not match.
            items = await RowsOf(db.Users.Where(u => matchingIds.Contains(u.Id)), query).Skip(offset).Take(count).ToListAsync(cancellationToken);
        }
        else
        {
            // Past the middle the page is counted from the other end, in reverse order, skipping fewer rows (the orders are
            // total, so the reverse is exact): the last page costs what the first does. Only the page's ids are read in
            // the sort order, from its index alone (SQLite's indexes end with the rowid; PostgreSQL's name-ordered ones
            // include the id), then their rows by key: a skipped account costs an index entry, never a table read.
            var reversed = offset > total.Value / 2;
            var pageIds = Filtered(query, matches, reversed: reversed).Select(u => u.Id)
                .Skip(reversed ? total.Value - offset - count : offset).Take(count);
            items = await RowsOf(db.Users.Where(u => pageIds.Contains(u.Id)), query).ToListAsync(cancellationToken);
        }
        return new PagedList<UserRow>(items, page, query.Size, total.Value);
    }

    /// <summary>The ids of the accounts the list's search and filters match, in the list's order, at most <paramref name="limit"/>.</summary>
    public async Task<List<int>> MatchingIdsAsync(UserListQuery query, int limit, CancellationToken cancellationToken = default)
    {
        return await Filtered(query, await MatchesAsync(query, cancellationToken)).Select(u => u.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>How many accounts the search matches, for <see cref="IUserSearch.Matching"/> to choose how to read them.</summary>
    private async Task<SearchMatches> MatchesAsync(UserListQuery query, CancellationToken cancellationToken) =>
        (await SearchCountAsync(query, cancellationToken))?.Matches ?? SearchMatches.Few;

    /// <summary>A search's own count of its matches, up to one past the limit, where the search can tell without the accounts.</summary>
    private Task<SearchCount?> SearchCountAsync(UserListQuery query, CancellationToken cancellationToken) =>
        query.Q is null ? Task.FromResult<SearchCount?>(null) : search.CountAsync(query.Q, CountLimit, cancellationToken);

    /// <summary>
    /// The exact total when it is cheap or at most <see cref="CountLimit"/>, else null; how many accounts the search
    /// matches (with many, the page is read in the list's order, keeping the matching rows, instead of gathering every
    /// match); and, where the matches were read to count them, their ids.
    /// </summary>
    private async Task<(int? Total, SearchMatches Matches, List<int>? Ids)> TotalAsync(UserListQuery query, CancellationToken cancellationToken)
    {
        var counted = await SearchCountAsync(query, cancellationToken);
        var matches = counted?.Matches ?? SearchMatches.Few;
        var onlyRoleAndStatus = query.SecondFactor is null && query.Show is null;
        if (query.Q is null && onlyRoleAndStatus)
        {
            return (await CountedAsync(query, cancellationToken), matches, null);
        }
        if (counted is not null && query.Role is null && query.Status is null && onlyRoleAndStatus)
        {
            // The search alone: its count is the total, or says there are more than the limit.
            return (counted.Count <= CountLimit ? counted.Count : null, matches, null);
        }
        // Counting reads the matching ids (through the filters' own indexes, in no order), up to one past the limit:
        // at most that many keys, which then serve the page too.
        var ids = await Filtered(query, matches, ordered: false).Select(u => u.Id).Take(CountLimit + 1).ToListAsync(cancellationToken);
        return ids.Count <= CountLimit ? (ids.Count, matches, ids) : (null, matches, null);
    }

    /// <summary>
    /// Every account the list's search and filters match, in the list's order, read one row at a time (no tracking, no
    /// buffering): for the CSV export, which must not hold a million accounts in memory.
    /// </summary>
    public async Task<IAsyncEnumerable<UserExportRow>> StreamAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        return ExportRows(Filtered(query, await MatchesAsync(query, cancellationToken))).AsAsyncEnumerable();
    }

    /// <summary>The given accounts (checked on the list), in the list's order.</summary>
    public IAsyncEnumerable<UserExportRow> Stream(IReadOnlyCollection<int> ids) =>
        ExportRows(Filtered(UserListQuery.From(null, null, null, null, null, null), SearchMatches.Few).Where(u => ids.Contains(u.Id)))
            .AsAsyncEnumerable();

    private IQueryable<UserExportRow> ExportRows(IQueryable<AppUser> users) =>
        users.Select(SecondFactors.Inline(db, u => new UserExportRow(u.Id, u.UserName!, u.Email!, u.DisplayName, u.Role, u.Language, u.Status,
            SecondFactors.Held(u), u.CreatedAt, u.LastSignInAt)));

    private IQueryable<UserRow> Rows(UserListQuery query, SearchMatches matches) => Project(Filtered(query, matches));

    /// <summary>These accounts' rows, in the list's order.</summary>
    private IQueryable<UserRow> RowsOf(IQueryable<AppUser> accounts, UserListQuery query) =>
        Project(Ordered(accounts.AsNoTracking(), query, reversed: false));

    private IQueryable<UserRow> Project(IQueryable<AppUser> users) =>
        users.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Email!, u.Role, u.Status, u.CreatedAt,
            u.LastSignInAt, u.IsPrincipal,
            u.Status == AccountStatus.Invited ? db.Invitations.Where(i => i.UserId == u.Id).Select(i => (DateTime?)i.ExpiresAt).FirstOrDefault() : null));

    private IQueryable<AppUser> Filtered(UserListQuery query, SearchMatches matches, bool reversed = false, bool ordered = true)
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
            users = search.Matching(users, query.Q, matches);
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
            users = users.Where(SecondFactors.Inline(db, u => SecondFactors.Held(u) == secondFactor));
        }
        return ordered ? Ordered(users, query, reversed) : users;
    }

    private static IQueryable<AppUser> Ordered(IQueryable<AppUser> users, UserListQuery query, bool reversed) =>
        (query.SortKey, query.Descending != reversed) switch
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
