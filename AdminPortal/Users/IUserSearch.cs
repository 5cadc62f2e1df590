using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>
/// Substring search over user name, email and display name, ignoring case. The one provider-specific part of the user
/// list (DESIGN.md "Databases"): <see cref="SqliteUserSearch"/> (FTS5 trigram) and <see cref="PostgreSqlUserSearch"/> (pg_trgm).
/// </summary>
public interface IUserSearch
{
    /// <param name="manyMatches">
    /// The caller knows the text matches many accounts: the query should then read the accounts in the list's sort
    /// order and keep the matching ones, which finds a page after a few hundred rows, instead of gathering and sorting
    /// every match.
    /// </param>
    IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text, bool manyMatches = false);

    /// <summary>
    /// How many accounts match, counting no further than one past <paramref name="limit"/>, when the search can tell
    /// without reading the accounts; otherwise null.
    /// </summary>
    Task<int?> CountAsync(string text, int limit, CancellationToken cancellationToken = default);
}
