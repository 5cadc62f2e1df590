using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Infrastructure;

/// <summary>
/// Identity's normalizer (Unicode normalization form C, then upper case) for names and emails looked up from what
/// people type. string.Normalize throws on text that is not valid Unicode (a lone surrogate, U+FFFE); such text
/// names no account, so it is only upper-cased: a lookup then finds nothing instead of failing with a 500.
/// </summary>
public sealed class SafeLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Normalize(name);

    public string? NormalizeEmail(string? email) => Normalize(email);

    private static string? Normalize(string? text)
    {
        if (text is null)
        {
            return null;
        }
        try
        {
            return text.Normalize().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return text.ToUpperInvariant();
        }
    }
}
