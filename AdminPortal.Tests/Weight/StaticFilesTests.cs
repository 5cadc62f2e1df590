using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Weight;

public sealed class StaticFilesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Scratch()
    {
        using var visitor = _app.CreateBrowser();
        var page = await visitor.GetPageAsync("/Identity/Account/Login");
        foreach (var e in page.QuerySelectorAll("link[rel=stylesheet], script[src]"))
        {
            var url = e.GetAttribute("href") ?? e.GetAttribute("src")!;
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
            var response = await visitor.Client.SendAsync(request);
            Console.WriteLine($"{url} {(int)response.StatusCode} {response.Headers} {response.Content.Headers} len={(await response.Content.ReadAsByteArrayAsync()).Length}");
        }
        Assert.Fail("scratch");
    }
}
