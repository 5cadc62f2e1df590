using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// PostgreSQL: <c>ILIKE</c> over user name, email and display name. ILIKE folds case beyond ASCII (by the database's
/// LC_CTYPE), and the <c>pg_trgm</c> GIN index <c>IX_AspNetUsers_Search</c> (PostgreSql Initial migration) answers
/// patterns of three characters or more without reading every row; shorter ones read every row, as on SQLite.
/// </summary>
public sealed class PostgreSqlUserSearch : IUserSearch
{
    public IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text, SearchMatches matches = SearchMatches.Few)
    {
        var pattern = "%" + EscapeLike(SearchText.Searchable(text)) + "%";
        return users.Where(u => EF.Functions.ILike(u.UserName!, pattern, "\\")
            || EF.Functions.ILike(u.Email!, pattern, "\\")
            || EF.Functions.ILike(u.DisplayName, pattern, "\\"));
    }

    /// <summary>No count apart from the matches: the planner counts them through the index itself.</summary>
    public Task<SearchCount?> CountAsync(string text, int limit, CancellationToken cancellationToken = default) => Task.FromResult<SearchCount?>(null);

    // % and _ are wildcards and \ the escape character: typed text is matched literally.
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
