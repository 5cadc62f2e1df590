using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AdminPortal.TwoFactor;

/// <summary>
/// RFC 6238 time-based codes as authenticator apps compute them: HMAC-SHA1 over the 30-second step, 6 digits. The step
/// comes from the app's <see cref="TimeProvider"/>, so tests move the clock instead of waiting.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static string Compute(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="code"/> is the code of the step at <paramref name="at"/> or of the one before or after it (clock drift).</summary>
    public static bool Verify(string base32Key, string code, DateTimeOffset at) => MatchingStep(base32Key, code, at) is not null;

    /// <summary>The step (of the three <see cref="Verify"/> accepts) whose code <paramref name="code"/> is, or null.</summary>
    public static long? MatchingStep(string base32Key, string code, DateTimeOffset at)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit) || !Base32.TryDecode(base32Key, out var key))
        {
            return null;
        }
        var now = StepAt(at);
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            // Every step is compared, in constant time, so the answer does not tell which one matched.
            if (CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Compute(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matched = step;
            }
        }
        return matched;
    }

    /// <summary>A code as typed: spaces and dashes between the digits are dropped.</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => c is not (' ' or '-' or '\u00a0')).ToArray());
}

/// <summary>RFC 4648 base32 (A–Z, 2–7), the alphabet of authenticator keys; padding and spaces are ignored.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static bool TryDecode(string text, out byte[] bytes)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        bytes = [.. output];
        return bytes.Length > 0;
    }
}
