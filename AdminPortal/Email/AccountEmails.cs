using System.Globalization;
using AdminPortal.Localization;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Email;

/// <summary>
/// The messages sent to account holders, in the recipient's language (the account's <c>Language</c>), not the
/// request's: a code asked for from an English browser for a Spanish-speaking account arrives in Spanish.
/// </summary>
public sealed class AccountEmails(IStringLocalizer<SharedResource> localizer)
{
    public EmailMessage ResetCode(string to, string displayName, string language, string code, TimeSpan validity)
    {
        using var culture = AppLanguages.Use(language);
        var subject = localizer["Your {0} password reset code", EmailTemplates.ProductName];
        var (html, text) = EmailTemplates.Render("ResetCode", Common(subject, displayName, new Dictionary<string, string>
        {
            ["Intro"] = localizer["Someone asked to reset the password of your {0} account. Enter this code on the reset page:", EmailTemplates.ProductName],
            ["Code"] = code,
            ["Validity"] = localizer["The code is valid for {0} minutes and can be used once. Asking for a new code makes this one invalid.", (int)Math.Ceiling(validity.TotalMinutes)],
            ["NotYou"] = localizer["If this was not you, ignore this email: your password stays as it is. Never share this code with anyone."],
        }));
        return new EmailMessage(to, subject, html, text);
    }

    public EmailMessage PasswordChanged(string to, string displayName, string language, DateTimeOffset at)
    {
        using var culture = AppLanguages.Use(language);
        var subject = localizer["Your {0} password was changed", EmailTemplates.ProductName];
        var (html, text) = EmailTemplates.Render("PasswordChanged", Common(subject, displayName, new Dictionary<string, string>
        {
            ["Changed"] = localizer["The password of your {0} account was changed on {1} at {2} UTC.", EmailTemplates.ProductName,
                at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), at.UtcDateTime.ToString("HH:mm", CultureInfo.CurrentCulture)],
            ["SessionsEnded"] = localizer["Every device that was signed in has been signed out."],
            ["NotYou"] = localizer["If this was not you, contact your administrator at once: someone else may have access to your email."],
        }));
        return new EmailMessage(to, subject, html, text);
    }

    public EmailMessage Invitation(string to, string displayName, string language, string userName, string link, DateTime expiresAtUtc)
    {
        using var culture = AppLanguages.Use(language);
        var subject = localizer["You are invited to {0}", EmailTemplates.ProductName];
        var (html, text) = EmailTemplates.Render("Invitation", Common(subject, displayName, new Dictionary<string, string>
        {
            ["Intro"] = localizer["An administrator created a {0} account for you with the user name {1}. Choose your password to start using it.", EmailTemplates.ProductName, userName],
            ["Action"] = localizer["Choose your password"],
            ["Link"] = link,
            ["Validity"] = localizer["The link can be used once and is valid until {0} at {1} UTC.",
                expiresAtUtc.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), expiresAtUtc.ToString("HH:mm", CultureInfo.CurrentCulture)],
            ["NotYou"] = localizer["If you did not expect this invitation, ignore this email: the account cannot be used until someone chooses its password through this link."],
        }));
        return new EmailMessage(to, subject, html, text);
    }

    public EmailMessage SignUpApproved(string to, string displayName, string language, string userName, string signInLink)
    {
        using var culture = AppLanguages.Use(language);
        var subject = localizer["Your {0} account request was approved", EmailTemplates.ProductName];
        var (html, text) = EmailTemplates.Render("SignUpDecision", Common(subject, displayName, new Dictionary<string, string>
        {
            ["Decision"] = localizer["An administrator approved your request: your {0} account is ready.", EmailTemplates.ProductName],
            ["Next"] = localizer["Sign in at {0} with your user name {1} or your email, and the password you chose.", signInLink, userName],
        }));
        return new EmailMessage(to, subject, html, text);
    }

    public EmailMessage SignUpRejected(string to, string displayName, string language)
    {
        using var culture = AppLanguages.Use(language);
        var subject = localizer["Your {0} account request was declined", EmailTemplates.ProductName];
        var (html, text) = EmailTemplates.Render("SignUpDecision", Common(subject, displayName, new Dictionary<string, string>
        {
            ["Decision"] = localizer["An administrator declined your request for a {0} account, and it was removed.", EmailTemplates.ProductName],
            ["Next"] = localizer["If you think this is a mistake, contact the administrators of your organisation."],
        }));
        return new EmailMessage(to, subject, html, text);
    }

    private Dictionary<string, string> Common(string subject, string displayName, Dictionary<string, string> values)
    {
        values["Language"] = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        values["Subject"] = subject;
        values["ProductName"] = EmailTemplates.ProductName;
        values["Greeting"] = localizer["Hello {0},", displayName];
        values["Footer"] = localizer["This message was sent by {0}. Please do not reply to it.", EmailTemplates.ProductName];
        return values;
    }
}
