using System.Net;
using System.Text;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Audit;

public sealed class AuditPageTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private AppUser _root = null!;
    private AppUser _alice = null!;

    public async ValueTask InitializeAsync()
    {
        _alice = await _app.CreateUserAsync("alice", Roles.Vendor, "alice-password");
        _root = await _app.RootAsync();
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Writes <paramref name="count"/> user.update records on alice by root, one minute apart.</summary>
    private async Task<List<long>> WriteUpdatesAsync(int count, string? reason = null)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
            await _app.AsActorAsync(_root, async services =>
            {
                var audit = services.GetRequiredService<AuditLog>();
                var entry = audit.Add(AuditActions.UserUpdate, _alice.Id, "alice",
                    new Dictionary<string, FieldChange> { ["DisplayName"] = new($"name {i}", $"name {i + 1}") }, reason: reason);
                await services.GetRequiredService<AppDbContext>().SaveChangesAsync();
                ids.Add(entry.Id);
            });
        }
        return ids;
    }

    [Fact]
    public async Task Only_user_managers_reach_the_audit_log()
    {
        using var anonymous = _app.CreateBrowser();
        var redirect = await anonymous.GetAsync("/Audit");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", redirect.Headers.Location!.PathAndQuery);

        using var vendor = await _app.SignedInBrowserAsync("alice", "alice-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.GetAsync("/Audit?handler=Export")).StatusCode);
        Assert.Null((await vendor.GetPageAsync("/")).QuerySelector("a[href='/Audit']"));

        using var root = await _app.SignedInAsRootAsync();
        Assert.NotNull((await root.GetPageAsync("/")).QuerySelector("nav a[href='/Audit']"));
    }

    [Fact]
    public async Task The_log_is_newest_first_and_paged()
    {
        var ids = await WriteUpdatesAsync(30);
        using var browser = await _app.SignedInAsRootAsync();
        var first = await browser.GetPageAsync("/Audit?action=user.update");
        var rows = first.QuerySelectorAll("tbody tr");
        Assert.Equal(AuditQueries.PageSize, rows.Length);
        Assert.Contains($"/Audit/Details/{ids[^1]}", rows[0].InnerHtml);
        Assert.Equal("1", first.QuerySelector(".pagination [aria-current=page]")!.TextContent);

        var next = first.QuerySelector(".pagination a[aria-label='Next page']")!.GetAttribute("href")!;
        Assert.Contains("action=user.update", next);
        var second = await browser.GetPageAsync(next);
        var secondRows = second.QuerySelectorAll("tbody tr");
        Assert.Equal(5, secondRows.Length);
        Assert.Contains($"/Audit/Details/{ids[0]}", secondRows[^1].InnerHtml);
    }

    [Fact]
    public async Task Filters_narrow_by_actor_action_target_and_utc_dates()
    {
        await WriteUpdatesAsync(2);
        using var alice = await _app.SignedInBrowserAsync("alice", "alice-password"); // auth.signin.success, actor none, target alice
        using var browser = await _app.SignedInAsRootAsync();

        var byActor = await browser.GetPageAsync("/Audit?actor=ROOT&action=user.update");
        Assert.Equal(2, byActor.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("2 entries", byActor.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.Equal("/api/users/suggest", byActor.QuerySelector("input[name=Actor]")!.GetAttribute("data-suggest-url"));

        var byTarget = await browser.GetPageAsync("/Audit?target=alice&action=auth.signin.success");
        Assert.Single(byTarget.QuerySelectorAll("tbody tr"));
        Assert.Equal("1 entry", byTarget.QuerySelector("[role=status]")!.TextContent.Trim());

        var today = _app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = _app.Clock.GetUtcNow().UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, (await browser.GetPageAsync($"/Audit?action=user.update&from={today}&to={today}")).QuerySelectorAll("tbody tr").Length);
        Assert.Empty((await browser.GetPageAsync($"/Audit?action=user.update&to={yesterday}")).QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task The_chosen_days_are_said_in_the_tables_date_format_in_the_pages_language()
    {
        using var root = await _app.SignedInAsRootAsync();
        Assert.EndsWith(", from 1 Nov 2026 to 30 Nov 2026 (UTC)",
            (await root.GetPageAsync("/Audit?from=2026-11-01&to=2026-11-30")).QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.EndsWith(", from 1 Nov 2026 (UTC)", (await root.GetPageAsync("/Audit?from=2026-11-01")).QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.EndsWith(", until 30 Nov 2026 (UTC)", (await root.GetPageAsync("/Audit?to=2026-11-30")).QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.DoesNotContain("UTC", (await root.GetPageAsync("/Audit")).QuerySelector("[role=status]")!.TextContent);

        root.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, "es")));
        Assert.EndsWith(", del 1 nov 2026 al 30 nov 2026 (UTC)",
            (await root.GetPageAsync("/Audit?from=2026-11-01&to=2026-11-30")).QuerySelector("[role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Bad_filters_come_back_with_a_message_at_the_field()
    {
        using var browser = await _app.SignedInAsRootAsync();
        var page = await browser.GetPageAsync("/Audit?action=user.explode&actor=" + new string('a', 31) + "&from=2026-11-20&to=2026-11-01");
        Assert.Equal("Choose an action from the list.", page.FieldError("Action"));
        Assert.Equal("The user name must be at most 30 characters.", page.FieldError("Actor"));
        Assert.Equal("The end date must not be before the start date.", page.FieldError("To"));
        Assert.Equal(new string('a', 31), page.FieldValue("Actor"));
        Assert.Empty(page.QuerySelectorAll("tbody tr"));
    }

    [Fact]
    public async Task The_details_of_an_edit_show_old_and_new_values()
    {
        var id = (await WriteUpdatesAsync(1))[0];
        using var browser = await _app.SignedInAsRootAsync();
        var page = await browser.GetPageAsync($"/Audit/Details/{id}");
        var row = page.QuerySelector("#changes tbody tr")!;
        Assert.Equal("Display name", row.QuerySelector("th")!.TextContent); // the stored field name, in the reader's language
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["name 0", "→", "name 1"], cells);
        Assert.Contains("192.0.2.50", page.QuerySelector("dl")!.TextContent);
        // The target's recent history is listed under it.
        Assert.Contains($"/Audit/Details/{id}", page.QuerySelector(".account-history")!.InnerHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Audit/Details/999999")).StatusCode);
    }

    [Fact]
    public async Task Csv_export_returns_every_matching_row_across_pages_with_a_header_and_proper_quoting()
    {
        var ids = await WriteUpdatesAsync(30, reason: "a, \"quoted\"\nreason");
        await _app.AsActorAsync(_root, services => services.GetRequiredService<AuditLog>()
            .RecordAsync(AuditActions.UserUpdate, _alice.Id, "alice", reason: "=HYPERLINK(\"http://evil\")"));
        using var other = await _app.SignedInBrowserAsync("alice", "alice-password"); // a row the filter must leave out

        using var browser = await _app.SignedInAsRootAsync();
        var page = await browser.GetPageAsync("/Audit?action=user.update&actor=root");
        var response = await browser.GetAsync(page.QuerySelector("#export-csv")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);

        var text = await response.Content.ReadAsStringAsync();
        var records = ParseCsv(text);
        Assert.Equal(AuditCsv.Header, records[0]);
        Assert.Equal(32, records.Count);
        Assert.All(records.Skip(1), r => Assert.Equal(AuditCsv.Header.Count, r.Count));
        Assert.All(records.Skip(1), r => Assert.Equal("user.update", r[4]));
        Assert.Equal("'=HYPERLINK(\"http://evil\")", records[1][8]);
        Assert.Equal(ids.AsEnumerable().Reverse().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), records.Skip(2).Select(r => r[0]));
        Assert.Equal("a, \"quoted\"\nreason", records[2][8]);
        Assert.Contains("\r\n", text);
    }

    /// <summary>A strict RFC 4180 reader: fails the test on a stray quote.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "unterminated quoted field");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                Assert.True(i >= text.Length || text[i] is ',' or '\r', $"text after a closing quote at {i}");
                continue;
            }
            switch (text[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r':
                    Assert.Equal('\n', text[i + 1]);
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    i += 2;
                    break;
                case '"':
                    Assert.Fail($"a quote inside an unquoted field at {i}");
                    break;
                default:
                    field.Append(text[i++]);
                    break;
            }
        }
        Assert.True(field.Length == 0 && record.Count == 0, "the last record must end with CRLF");
        return records;
    }
}

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("\tx", "\"'\tx\"")]
    public void Fields_are_quoted_per_rfc_4180_and_never_start_a_formula(string? value, string expected) =>
        Assert.Equal(expected, AuditCsv.Field(value));
}
