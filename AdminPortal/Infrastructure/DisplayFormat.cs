using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace AdminPortal.Infrastructure;

/// <summary>
/// Dates as people read them in the page's language ("2 Dec 2026 14:05", "2 dic 2026 14:05"), always UTC; the
/// machine-readable form goes in the time element's datetime attribute.
/// </summary>
public static class DisplayFormat
{
    public static string Minutes(DateTime utc) => utc.ToString("d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    public static string Seconds(DateTime utc) => utc.ToString("d MMM yyyy HH:mm:ss", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A moment to the minute in a time element: "24 Nov 2026 09:00 UTC", the exact instant in its datetime.</summary>
    public static IHtmlContent MinutesElement(DateTime utc) =>
        HtmlFragment.Of("<time datetime=\"", Attribute(utc), "\">", Minutes(utc) + " UTC", "</time>");

    public static string Attribute(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
