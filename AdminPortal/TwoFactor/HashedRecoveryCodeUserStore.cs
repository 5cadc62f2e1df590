using System.Security.Cryptography;
using System.Text;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace AdminPortal.TwoFactor;

/// <summary>
/// Identity's EF Core user store, with the recovery codes kept as SHA-256 hashes: Identity's own store keeps them as
/// written. The codes are random (about 50 bits each), so a fast hash is enough; what is typed is normalized
/// (spaces dropped, upper case) before it is hashed and compared.
/// </summary>
public sealed class HashedRecoveryCodeUserStore(AppDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, AppRole, AppDbContext, int>(context, describer)
{
    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    // Not base.RedeemCodeAsync: it writes the codes left back through ReplaceCodesAsync, which would hash them again.
    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken = default)
    {
        var stored = (await GetTokenAsync(user, Provider, TokenName, cancellationToken) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = Hash(code);
        if (!stored.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }
        await SetTokenAsync(user, Provider, TokenName, string.Join(';', stored.Where(s => s != hash)), cancellationToken);
        return true;
    }

    private const string Provider = "[AspNetUserStore]";
    private const string TokenName = "RecoveryCodes";

    internal static string Hash(string code)
    {
        var normalized = new string(code.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
