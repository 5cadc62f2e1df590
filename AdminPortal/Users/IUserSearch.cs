using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>
/// Substring search over user name, email and display name, ignoring case. The one provider-specific part of the user
/// list (DESIGN.md "Databases"): <see cref="SqliteUserSearch"/> (FTS5 trigram) and <see cref="PostgreSqlUserSearch"/> (pg_trgm).
/// </summary>
public interface IUserSearch
{
    /// <param name="matches">
    /// What the caller knows of how many accounts the text matches (from <see cref="CountAsync"/>): the query then reads
    /// the accounts the way that costs least for so many (see <see cref="SearchMatches"/>). The accounts are the same.
    /// </param>
    IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text, SearchMatches matches = SearchMatches.Few);

    /// <summary>
    /// How many accounts match, counting no further than one past <paramref name="limit"/>, and how densely, when the
    /// search can tell without reading the accounts; otherwise null.
    /// </summary>
    Task<SearchCount?> CountAsync(string text, int limit, CancellationToken cancellationToken = default);
}

/// <summary>The matches counted up to one past the limit, and what that says of how to read them.</summary>
public sealed record SearchCount(int Count, SearchMatches Matches);

/// <summary>How many accounts a search matches, as far as the search index tells cheaply: it chooses how to read them.</summary>
public enum SearchMatches
{
    /// <summary>At most the count's limit (or not known): the matches are gathered first and only they are sorted.</summary>
    Few,

    /// <summary>
    /// More: the list's sort order is walked in its index, keeping the accounts among the search index's matches, and
    /// the walk stops when the page is full; gathering and sorting every match would cost more than the page.
    /// </summary>
    Many,

    /// <summary>
    /// So many that a walk along the sort order meets one every few rows: each row walked is tested itself, which costs
    /// less than listing every match first.
    /// </summary>
    MostRows,
}
