using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.PasswordReset;

/// <summary>Drawing and hashing the reset code and the grant. Neither is ever stored in clear.</summary>
internal static class ResetSecrets
{
    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>
    /// A six-digit code has only a million values, so a plain SHA-256 of it is no protection: one table of a
    /// million hashes reverses every stored row at once. Each row therefore gets its own random 128-bit salt, used
    /// as the HMAC-SHA256 key over "user id:code", so a table is useless and every row must be attacked alone.
    /// That still takes only a million HMACs for someone holding the database, which no hash of 20 bits of entropy
    /// can prevent; what protects the code is that it lives 15 minutes, dies after 5 wrong tries online, is used
    /// once, and that whoever reads the database already holds more than a reset code.
    /// </summary>
    public static string HashCode(int userId, string code, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(16);
        var mac = HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{userId}:{code}")));
        return $"v1.{Convert.ToBase64String(salt)}.{Convert.ToBase64String(mac)}";
    }

    public static bool CodeMatches(string storedHash, int userId, string code)
    {
        var parts = storedHash.Split('.');
        if (parts is not ["v1", var salt, _])
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(HashCode(userId, code, Convert.FromBase64String(salt)));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>256 random bits: unguessable, so an unsalted SHA-256 is enough and lets the row be found by it.</summary>
    public static string NewGrant() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string HashGrant(string grant) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(grant)));
}
