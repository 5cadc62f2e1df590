using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminPortal.Accounts;

/// <summary>
/// DESIGN.md rule 11 for what people type into an account: a display name holds no control or format characters
/// (Unicode Cc and Cf: CR/LF, NUL, zero-width and bidi controls such as U+202E, which could make one name read as
/// another), and an email is a plain <c>local@domain.tld</c> address (a dot-atom local part, host names with a dot,
/// no quotes, spaces, comments or IP literals). The forms' attributes and the services ask here; rows stored before
/// these rules still load, and the services check a field only when it changes.
/// </summary>
public static partial class AccountFieldRules
{
    public const string DisplayNameMessage = "The display name cannot hold control or invisible formatting characters.";
    public const string EmailMessage = "Enter a plain email address such as name@example.com.";

    public static bool IsPlainText(string? text) =>
        text is null || !text.Any(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format);

    /// <summary>Space around the address is not part of it (the self-service page trims it); an over-long one is left to the length rule's message.</summary>
    public static bool IsPlainEmail(string? email) =>
        email is null || email.Trim(' ').Length > Data.AppUser.EmailMaxLength || PlainEmail().IsMatch(email.Trim(' '));

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex PlainEmail();
}

/// <summary>The form side of <see cref="AccountFieldRules.IsPlainText"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute() => ErrorMessage = AccountFieldRules.DisplayNameMessage;

    public override bool IsValid(object? value) => AccountFieldRules.IsPlainText(value as string);
}

/// <summary>The form side of <see cref="AccountFieldRules.IsPlainEmail"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainEmailAttribute : ValidationAttribute
{
    public PlainEmailAttribute() => ErrorMessage = AccountFieldRules.EmailMessage;

    public override bool IsValid(object? value) => AccountFieldRules.IsPlainEmail(value as string);
}
