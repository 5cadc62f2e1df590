using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Users;

/// <summary>
/// An account's role, status and invitation expiry as the user list shows them in every row and the details page
/// once; C# rather than partial views because the list draws them on each of its rows (HtmlFragment).
/// </summary>
public static class AccountBadges
{
    public static IHtmlContent Role(IStringLocalizer localizer, string role, AccountStatus status)
    {
        if (status == AccountStatus.Pending)
        {
            // A sign-up request has no role yet: the administrator who approves it makes it an employee or a vendor.
            return HtmlFragment.Of("<span class=\"text-body-secondary fst-italic role-pending\">", localizer["Chosen at approval"], "</span>");
        }
        var style = role switch
        {
            Roles.Root => "<span class=\"badge text-bg-dark\">",
            Roles.Admin => "<span class=\"badge text-bg-primary\">",
            Roles.Vendor => "<span class=\"badge text-bg-info\">",
            _ => "<span class=\"badge text-bg-secondary\">",
        };
        return HtmlFragment.Of(style, localizer[Roles.Label(role)], "</span>");
    }

    public static IHtmlContent Status(IStringLocalizer localizer, AccountStatus status) => status switch
    {
        AccountStatus.Active => HtmlFragment.Of("<span class=\"badge text-bg-success\">", localizer["Active"], "</span>"),
        AccountStatus.Invited => HtmlFragment.Of("<span class=\"badge text-bg-info\">", localizer["Invited"], "</span>"),
        AccountStatus.Pending => HtmlFragment.Of("<span class=\"badge text-bg-warning\">", localizer["Pending approval"], "</span>"),
        _ => HtmlFragment.Of("<span class=\"badge text-bg-danger\">", localizer["Disabled"], "</span>"),
    };

    /// <summary>Until when the invitation's link works, "Expired" beside it once it has passed.</summary>
    public static IHtmlContent InvitationExpiry(IStringLocalizer localizer, DateTime? expiresAt, DateTime now)
    {
        if (expiresAt is not { } expires)
        {
            return HtmlFragment.Of("<span class=\"text-body-secondary\">", localizer["No live link: send a new invitation."], "</span>");
        }
        var time = DisplayFormat.MinutesElement(expires);
        return expires <= now
            ? new HtmlContentBuilder().AppendHtml(time).AppendHtml(HtmlFragment.Of(" <span class=\"badge text-bg-warning ms-1\">", localizer["Expired"], "</span>"))
            : time;
    }

    /// <summary>
    /// The user list's word on an invitation, on the status badge's line: "until 1 Dec" (the exact time in the title),
    /// "link expired" or "no live link". The details page says it in full (<see cref="InvitationExpiry"/>).
    /// </summary>
    public static IHtmlContent InvitationNote(IStringLocalizer localizer, DateTime? expiresAt, DateTime now)
    {
        if (expiresAt is not { } expires)
        {
            return HtmlFragment.Of("<span class=\"small text-body-secondary invitation-note\">", localizer["no live link"], "</span>");
        }
        if (expires <= now)
        {
            return HtmlFragment.Of("<span class=\"small text-warning-emphasis invitation-note\">", localizer["link expired"], "</span>");
        }
        // The localized sentence around the time element: "until {0}", "hasta el {0}".
        var words = localizer["until {0}"].Value.Split("{0}");
        var day = expires.ToString(expires.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.CurrentCulture);
        return HtmlFragment.Of("<span class=\"small text-body-secondary invitation-note\">", words[0],
            "<time datetime=\"" + DisplayFormat.Attribute(expires) + "\" title=\"", DisplayFormat.Minutes(expires) + " UTC", "\">", day, "</time>",
            words.Length > 1 ? words[1] : "", "</span>");
    }
}
