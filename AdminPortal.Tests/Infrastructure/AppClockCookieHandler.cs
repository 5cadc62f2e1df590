using System.Net;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// Keeps a test client's cookies as <c>HandleCookies</c> does, but judges a cookie's expiry by the app's clock, not by
/// the machine's. The app dates what it sets with its (fake) clock, which stands still on a fixed day while the real
/// calendar moves on: a "remember this browser" cookie that expires 30 days after that day would be thrown away on
/// arrival by a container that compares it with today, and every test that relies on it would start failing on one
/// day of the year and never pass again. Each Expires is moved by the distance between the two clocks, so a cookie
/// lives as long as the app meant and a cookie the app deletes (dated in the past) is still deleted.
/// </summary>
public sealed class AppClockCookieHandler(CookieContainer container, TimeProvider appClock) : DelegatingHandler
{
    public CookieContainer Container { get; } = container;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var cookieHeader = Container.GetCookieHeader(uri);
        if (!string.IsNullOrEmpty(cookieHeader))
        {
            request.Headers.Add(HeaderNames.Cookie, cookieHeader);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues(HeaderNames.SetCookie, out var setCookies))
        {
            var shift = DateTimeOffset.UtcNow - appClock.GetUtcNow();
            foreach (var cookie in SetCookieHeaderValue.ParseList(setCookies.ToList()))
            {
                if (cookie.Expires is { } expires)
                {
                    cookie.Expires = expires + shift;
                }
                Container.SetCookies(response.RequestMessage?.RequestUri ?? uri, cookie.ToString());
            }
        }
        return response;
    }
}
