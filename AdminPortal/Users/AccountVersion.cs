using System.Security.Cryptography;
using System.Text;
using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>
/// The version of an account as the edit form knows it (rule 8): a hash of exactly what the form shows and edits — user
/// name, email, display name, role and status. Identity's ConcurrencyStamp is no use here: it changes on every
/// UserManager update, also when a mistyped password counts towards the lockout, so an administrator's open form would
/// be refused as "changed by someone else" over nothing the form shows. A hash needs no column and no write path to
/// remember to bump it; a change and its undoing give the same version again, which is right, as the form then shows
/// exactly what the account holds.
/// </summary>
public static class AccountVersion
{
    public static string Of(AppUser user) =>
        Of(user.UserName, user.Email, user.DisplayName, user.Role, user.Status);

    private static string Of(params object?[] fields)
    {
        // Each value with its length first, so no two different lists of values read as the same text.
        var text = new StringBuilder();
        foreach (var value in fields.Select(f => f?.ToString()))
        {
            text.Append(value?.Length ?? -1).Append(':').Append(value).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
