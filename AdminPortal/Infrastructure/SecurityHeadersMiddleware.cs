using System.Security.Cryptography;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A strict Content-Security-Policy with a fresh nonce per request; the layout puts the nonce on its few inline
/// scripts (<c>nonce="@Context.CspNonce()"</c>). No inline style or script runs without it.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "AdminPortal.CspNonce";

    public Task InvokeAsync(HttpContext context)
    {
        // A request the exception handler or the status-code pages run again passes here twice: the headers are set
        // once, with the nonce the error page's scripts carry.
        if (context.Items.ContainsKey(NonceKey))
        {
            return next(context);
        }
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; " +
                "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; " +
                "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }

    public static string NonceOf(HttpContext context) => context.Items[NonceKey] as string ?? "";
}

public static class CspNonceExtensions
{
    public static string CspNonce(this HttpContext context) => SecurityHeadersMiddleware.NonceOf(context);
}
