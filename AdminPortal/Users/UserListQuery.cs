using System.Globalization;
using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>
/// The user list's query string (<c>?q=&amp;role=&amp;status=&amp;sort=&amp;page=&amp;size=</c>), made valid: unknown or
/// malformed values fall back to the defaults, a page size above the largest choice becomes the largest. Search text over
/// <see cref="MaxQueryLength"/> is kept whole and flagged (<see cref="SearchTooLong"/>), never cut (rule 11).
/// </summary>
public sealed record UserListQuery(string? Q, string? Role, AccountStatus? Status, string Sort, int Page, int Size)
{
    public const int DefaultSize = 10;
    public const int MaxQueryLength = 100;
    public const string DefaultSort = "name";
    public static readonly IReadOnlyList<int> Sizes = [10, 25, 50, 100];
    public static readonly IReadOnlyList<string> SortKeys = ["name", "email", "role", "status", "created"];

    public bool Descending => Sort.EndsWith("_desc", StringComparison.Ordinal);
    public string SortKey => Descending ? Sort[..^"_desc".Length] : Sort;
    /// <summary>Accounts with (true) or without (false) a second factor; null for all (<c>?twofactor=yes|no</c>).</summary>
    public bool? SecondFactor { get; init; }

    public static readonly IReadOnlyList<string> ShowKeys = [CreatedLast7Days, CreatedLast30Days, MustChangePassword, LockedOut];
    public const string CreatedLast7Days = "new7";
    public const string CreatedLast30Days = "new30";
    public const string MustChangePassword = "mustchange";
    public const string LockedOut = "locked";

    /// <summary>One of <see cref="ShowKeys"/>: the dashboard's numbers that are not a role or a status link here.</summary>
    public string? Show { get; init; }

    /// <summary>How many of the filters beside the search are set: the phone's "Filters" disclosure shows it.</summary>
    public int ActiveFilterCount => new object?[] { Role, Status, SecondFactor, Show }.Count(f => f is not null);

    public bool IsFiltered => Q is not null || Role is not null || Status is not null || SecondFactor is not null || Show is not null;
    public bool SearchTooLong => Q is { Length: > MaxQueryLength };

    public static UserListQuery From(string? q, string? role, string? status, string? sort, string? page, string? size,
        string? secondFactor = null, string? show = null)
    {
        return new UserListQuery(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase)),
            Enum.TryParse<AccountStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null,
            ParseSort(sort),
            int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1,
            ParseSize(size))
        {
            SecondFactor = secondFactor switch
            {
                _ when string.Equals(secondFactor, "yes", StringComparison.OrdinalIgnoreCase) => true,
                _ when string.Equals(secondFactor, "no", StringComparison.OrdinalIgnoreCase) => false,
                _ => null,
            },
            Show = ShowKeys.FirstOrDefault(k => string.Equals(k, show, StringComparison.OrdinalIgnoreCase)),
        };
    }

    private static string ParseSort(string? sort)
    {
        var key = sort?.EndsWith("_desc", StringComparison.Ordinal) == true ? sort[..^"_desc".Length] : sort;
        return key is not null && SortKeys.Contains(key) ? sort! : DefaultSort;
    }

    private static int ParseSize(string? size)
    {
        if (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return DefaultSize;
        }
        return Sizes.LastOrDefault(s => s <= n, Sizes[0]);
    }

    /// <summary>The query-string values of this list, with some replaced (for paging, sorting and size links).</summary>
    public Dictionary<string, string?> RouteValues(int? page = null, string? sort = null, int? size = null) => new()
    {
        ["q"] = Q,
        ["role"] = Role,
        ["status"] = Status?.ToString(),
        ["twofactor"] = SecondFactor switch { true => "yes", false => "no", null => null },
        ["show"] = Show,
        ["sort"] = (sort ?? Sort) == DefaultSort ? null : sort ?? Sort,
        ["page"] = (page ?? Page) == 1 ? null : (page ?? Page).ToString(CultureInfo.InvariantCulture),
        ["size"] = (size ?? Size) == DefaultSize ? null : (size ?? Size).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The sort a column header links to: ascending first, descending when already sorted ascending by it.</summary>
    public string SortFor(string key) => SortKey == key && !Descending ? key + "_desc" : key;
}
