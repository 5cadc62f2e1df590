using System.Text;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// SQLite: the FTS5 table <c>UserSearch</c> (trigram tokenizer, kept in step with AspNetUsers by triggers, created by the
/// UserSearch migration) finds substrings of three characters or more through its index instead of reading every row,
/// ignoring case also beyond ASCII. Shorter text cannot use trigrams and reads every row: with LIKE, which ignores case
/// only for ASCII, when the text is ASCII; otherwise with a function of the app's own that compares as .NET does. Text
/// that matches many accounts is read along the list's sort order, which fills a page sooner than gathering every match:
/// keeping the accounts among the search index's matches (a list built once, tested from the sort order's index alone),
/// or, when the matches are so dense that one comes every few rows and the text is ASCII, testing each row with LIKE.
/// </summary>
public sealed class SqliteUserSearch(AppDbContext db) : IUserSearch
{
    public const int TrigramLength = 3;

    /// <summary>
    /// Matches are <see cref="SearchMatches.MostRows"/> when at least one account in this many matches, judged from the
    /// first ones the search index finds. The row-by-row LIKE test costs a table read per row walked, the list of matches
    /// a little per match: at a million accounts LIKE is the cheaper one when one row in ten matches and the dearer when
    /// one in forty does (and rows that sort together often fail together, as names and domains cluster).
    /// </summary>
    public const int DenseShare = 20;

    public IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text, SearchMatches matches = SearchMatches.Few)
    {
        text = SearchText.Searchable(text);
        var ascii = Ascii.IsValid(text);
        if (ascii && (text.Length < TrigramLength || matches == SearchMatches.MostRows))
        {
            // Text too short for trigrams, or matching one row in a few: each row is tested with LIKE (which ignores ASCII
            // case, as the search index does) as the list's sort order walks its index, and the walk stops when the page
            // is full; listing a hundred thousand matches from the search index first would cost more than the page.
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
            var found = db.Database.SqlQuery<int>(
                $"SELECT Id AS Value FROM AspNetUsers WHERE adminportal_contains_ignoring_case(UserName, Email, DisplayName, {text})");
            return users.Where(u => found.Contains(u.Id));
        }
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM UserSearch WHERE UserSearch MATCH {Phrase(text)}");
        // "Id + 0" is not the key column to SQLite, so it cannot start from the matches and look each account up: it
        // lists the matches once, then walks the index of the sort order (or of a filter, to count) testing each entry
        // against that list, with no table read until an account is kept, and stops when the page is full.
        return matches == SearchMatches.Few ? users.Where(u => ids.Contains(u.Id)) : users.Where(u => ids.Contains(u.Id + 0));
    }

    /// <summary>
    /// Three or more characters: the search index's own count (it holds exactly one row per account), and how far apart
    /// its first matches lie. It returns them in the order of the accounts' ids, so when the first thousand lie within
    /// <see cref="DenseShare"/> thousand ids, about one account in <see cref="DenseShare"/> or more matches.
    /// </summary>
    public async Task<SearchCount?> CountAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        text = SearchText.Searchable(text);
        if (text.Length < TrigramLength)
        {
            return null;
        }
        var first = await db.Database.SqlQuery<FirstMatches>($"""
            SELECT COUNT(*) AS "Count", MAX(rowid) - MIN(rowid) + 1 AS "Span"
            FROM (SELECT rowid FROM UserSearch WHERE UserSearch MATCH {Phrase(text)} LIMIT {limit + 1})
            """).SingleAsync(cancellationToken);
        var matches = first.Count <= limit ? SearchMatches.Few
            : first.Span <= (long)first.Count * DenseShare ? SearchMatches.MostRows
            : SearchMatches.Many;
        return new SearchCount(first.Count, matches);
    }

    private sealed class FirstMatches
    {
        public int Count { get; init; }
        public long? Span { get; init; }
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
