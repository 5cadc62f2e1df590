using System.Net;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

public sealed class UserSuggestTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("pat", Roles.Employee, "pat-password");
        await _app.CreateUserAsync("acme.vendor", Roles.Vendor, email: "sales@ACME.example");
        await _app.CreateUserAsync("acme.admin", Roles.Admin, email: "it@acme.example");
        await _app.CreateUserAsync("acme.employee", Roles.Employee);
        await _app.CreateUserAsync("acme.gone", Roles.Vendor, status: AccountStatus.Disabled);
        await _app.CreateUserAsync("acme.root", Roles.Root);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<List<string>> UserNamesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").EnumerateArray().Select(u => u.GetProperty("userName").GetString()!).ToList();
    }

    [Fact]
    public async Task Only_active_vendors_and_admins_are_offered()
    {
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        var names = await UserNamesAsync(await browser.GetAsync("/api/users/suggest?q=acme"));
        Assert.Equal(["acme.admin", "acme.vendor"], names); // not the employee, the disabled vendor or a root
    }

    [Fact]
    public async Task User_name_and_email_match_in_part_ignoring_case()
    {
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        Assert.Equal(["acme.vendor"], await UserNamesAsync(await browser.GetAsync("/api/users/suggest?q=SALES@acme")));
        Assert.Equal(["acme.admin"], await UserNamesAsync(await browser.GetAsync("/api/users/suggest?q=Me.Adm")));
    }

    [Fact]
    public async Task The_answer_has_the_documented_shape()
    {
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        var text = await (await browser.GetAsync("/api/users/suggest?q=acme.vendor")).Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var user = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(["id", "userName", "email", "displayName"], user.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sales@ACME.example", user.GetProperty("email").GetString());
        Assert.Equal("acme.vendor display", user.GetProperty("displayName").GetString());
        Assert.True(user.GetProperty("id").GetInt32() > 0);
    }

    [Fact]
    public async Task At_most_ten_are_offered()
    {
        for (var i = 0; i < 12; i++)
        {
            await _app.CreateUserAsync($"bulk{i:00}", Roles.Vendor);
        }
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        var names = await UserNamesAsync(await browser.GetAsync("/api/users/suggest?q=bulk"));
        Assert.Equal(10, names.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"bulk{i:00}"), names);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=")]
    [InlineData("?q=%20%20")]
    public async Task A_blank_query_gives_an_empty_list(string query)
    {
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        var response = await browser.GetAsync("/api/users/suggest" + query);
        Assert.Equal("""{"data":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_query_over_100_characters_is_refused()
    {
        using var browser = await _app.SignedInBrowserAsync("pat", "pat-password");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/users/suggest?q=" + new string('a', 100))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/api/users/suggest?q=" + new string('a', 101))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_not_a_redirect()
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.GetAsync("/api/users/suggest?q=acme");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
