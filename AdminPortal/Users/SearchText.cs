using System.Text;

namespace AdminPortal.Users;

/// <summary>Search text as both databases can take it.</summary>
public static class SearchText
{
    /// <summary>
    /// SQLite reads LIKE patterns and MATCH queries up to the first NUL, so "abc\0def" would search for "abc" (or, in
    /// MATCH, end inside an unterminated phrase: an error); PostgreSQL refuses a NUL in any text parameter. No account
    /// holds a NUL, so it becomes U+FFFD, which no account holds either: such a search finds nothing, as it should. A
    /// lone surrogate is sent as U+FFFD by the drivers anyway; doing it here keeps length checks in step with what is sent.
    /// </summary>
    public static string Searchable(string text)
    {
        if (!text.Contains('\0', StringComparison.Ordinal) && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }
}
