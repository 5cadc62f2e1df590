namespace AdminPortal.Infrastructure;

/// <summary>
/// What Pages/Shared/_Pager.cshtml draws: first / previous / a window of page numbers / next / last (when known). At
/// most <paramref name="MaxPageLinks"/> numbers whatever the page count.
/// </summary>
/// <param name="IsLastKnown">False when the total was not counted to the end: PageCount is then only the next page, and there is no "Last".</param>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> PageUrl, bool IsLastKnown = true, int MaxPageLinks = 5)
{
    public (int First, int Last) Window()
    {
        var size = Math.Max(1, MaxPageLinks);
        var first = Math.Max(1, PageNumber - size / 2);
        var last = Math.Min(PageCount, first + size - 1);
        return (Math.Max(1, last - size + 1), last);
    }
}

/// <summary>
/// A quick switch of the navigation bar (Pages/Shared/_LanguagePicker.cshtml, _ThemePicker.cshtml): a plain POST form
/// with the antiforgery token and the page to return to, so it works without JavaScript.
/// </summary>
/// <param name="ReturnUrl">The local URL of the page being shown, to come back to after a submit without JavaScript.</param>
public sealed record QuickSwitch<TChoice>(TChoice Current, string Action, string AntiforgeryFieldName, string? AntiforgeryToken, string? ReturnUrl);
