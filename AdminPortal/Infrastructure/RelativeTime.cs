using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A past moment as a person reads it in a dense list: "just now", "5 minutes ago", "yesterday", "3 days ago", then a
/// short date in the page's culture ("2 Dec", "2 dic 2025"). The exact UTC time goes in the time element's title.
/// </summary>
public static class RelativeTime
{
    public static string Text(IStringLocalizer localizer, DateTime utc, DateTime now)
    {
        var ago = now - utc;
        if (ago < TimeSpan.FromMinutes(1))
        {
            return ago < -TimeSpan.FromMinutes(1) ? Short(utc, now) : localizer["just now"];
        }
        if (ago < TimeSpan.FromHours(1))
        {
            var minutes = (int)ago.TotalMinutes;
            return minutes == 1 ? localizer["1 minute ago"] : localizer["{0} minutes ago", minutes];
        }
        if (ago < TimeSpan.FromDays(1))
        {
            var hours = (int)ago.TotalHours;
            return hours == 1 ? localizer["1 hour ago"] : localizer["{0} hours ago", hours];
        }
        if (ago < TimeSpan.FromDays(7))
        {
            var days = (int)ago.TotalDays;
            return days == 1 ? localizer["yesterday"] : localizer["{0} days ago", days];
        }
        return Short(utc, now);
    }

    /// <summary>
    /// The time element of a list's date cell: the relative text, the exact UTC time in its title and datetime; "Never"
    /// when there is no moment.
    /// </summary>
    public static IHtmlContent Element(IStringLocalizer localizer, DateTime? utc, DateTime now) => utc is { } at
        ? HtmlFragment.Of("<time datetime=\"", DisplayFormat.Attribute(at), "\" title=\"", DisplayFormat.Seconds(at), " UTC\">", Text(localizer, at, now), "</time>")
        : HtmlFragment.Of("<span class=\"text-body-secondary\">", localizer["Never"], "</span>");

    private static string Short(DateTime utc, DateTime now) =>
        utc.ToString(utc.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.CurrentCulture);
}
