using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// SQLite: the FTS5 table <c>UserSearch</c> (trigram tokenizer, kept in step with AspNetUsers by triggers, created by the
/// UserSearch migration) finds substrings of three characters or more through its index instead of reading every row.
/// Shorter text cannot use trigrams and falls back to LIKE, which ignores case for ASCII.
/// </summary>
public sealed class SqliteUserSearch(AppDbContext db) : IUserSearch
{
    public const int TrigramLength = 3;

    public IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text)
    {
        if (text.Length < TrigramLength)
        {
            var pattern = "%" + EscapeLike(text) + "%";
            return users.Where(u => EF.Functions.Like(u.UserName!, pattern, "\\")
                || EF.Functions.Like(u.Email!, pattern, "\\")
                || EF.Functions.Like(u.DisplayName, pattern, "\\"));
        }
        // One quoted phrase: FTS5 query syntax in the text is taken literally.
        var phrase = "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM UserSearch WHERE UserSearch MATCH {phrase}");
        return users.Where(u => ids.Contains(u.Id));
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
