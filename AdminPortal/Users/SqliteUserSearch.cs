using System.Text;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// SQLite: the FTS5 table <c>UserSearch</c> (trigram tokenizer, kept in step with AspNetUsers by triggers, created by the
/// UserSearch migration) finds substrings of three characters or more through its index instead of reading every row,
/// ignoring case also beyond ASCII. Shorter text cannot use trigrams and reads every row: with LIKE, which ignores case
/// only for ASCII, when the text is ASCII; otherwise with a function of the app's own that compares as .NET does.
/// </summary>
public sealed class SqliteUserSearch(AppDbContext db) : IUserSearch
{
    public const int TrigramLength = 3;

    public IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text, bool manyMatches = false)
    {
        text = SearchText.Searchable(text);
        if (text.Length < TrigramLength && Ascii.IsValid(text))
        {
            var pattern = "%" + EscapeLike(text) + "%";
            return users.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\")
                || EF.Functions.Like(u.Email!, pattern, "\\")
                || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        if (text.Length < TrigramLength)
        {
            // SQLite's LIKE, lower() and NOCASE fold only ASCII, so "ál" would miss "Álvarez". Registered on this
            // context's connection, which keeps it across the open and close of each query.
            ((SqliteConnection)db.Database.GetDbConnection()).CreateFunction<string?, string?, string?, string, bool>(
                "adminportal_contains_ignoring_case", ContainsAnyIgnoringCase, isDeterministic: true);
            var matches = db.Database.SqlQuery<int>(
                $"SELECT Id AS Value FROM AspNetUsers WHERE adminportal_contains_ignoring_case(UserName, Email, DisplayName, {text})");
            return users.Where(u => matches.Contains(u.Id));
        }
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM UserSearch WHERE UserSearch MATCH {Phrase(text)}");
        // "Id + 0" is not the key column to SQLite, so it cannot start from the matches and look each account up; it
        // walks the index of the sort order instead and stops when the page is full.
        return manyMatches ? users.Where(u => ids.Contains(u.Id + 0)) : users.Where(u => ids.Contains(u.Id));
    }

    /// <summary>Three or more characters: the search index's own count (it holds exactly one row per account).</summary>
    public async Task<int?> CountAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        text = SearchText.Searchable(text);
        return text.Length < TrigramLength
            ? null
            : await db.Database.SqlQuery<int>(
                $"SELECT COUNT(*) AS Value FROM (SELECT 1 FROM UserSearch WHERE UserSearch MATCH {Phrase(text)} LIMIT {limit + 1})")
                .SingleAsync(cancellationToken);
    }

    // One quoted phrase, the text's own quotes doubled: FTS5 query syntax in it (* ^ - : NEAR( AND OR NOT) is taken
    // literally. Called only with Searchable text.
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static bool ContainsAnyIgnoringCase(string? userName, string? email, string? displayName, string text) =>
        (userName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || (email?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || (displayName?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
