using System.Net;
using System.Text;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.TwoFactor;
using AdminPortal.Users;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>The user list's CSV export through HTTP: every matching account, UTF-8 with a header, formulas neutralised, audited.</summary>
public sealed class CsvExportTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("boss", Roles.Admin, "boss-password");
        await _app.CreateUserAsync("clerk", Roles.Employee, "clerk-password");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Reads a CSV body with a strict reader (a stray quote fails the test); the header row first.</summary>
    public static List<string[]> ReadCsv(byte[] body)
    {
        using var csv = CsvReader.Create(body, CsvReaderOptions.Default with { MalformedData = CsvMalformedDataHandling.Throw, Separator = ',' });
        var records = new List<string[]> { csv.Headers.ToArray() };
        while (csv.Read())
        {
            records.Add([.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)]);
        }
        return records;
    }

    [Fact]
    public async Task The_export_of_a_filtered_list_has_exactly_the_lists_total_rows_and_is_audited()
    {
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(60));
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users?role=vendor&status=Active&sort=email");
        var total = await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Role == Roles.Vendor && u.Status == AccountStatus.Active));
        Assert.True(total > 10, "the filter must match more than one page");
        Assert.Contains($"of {total} accounts", list.QuerySelector("#total")!.TextContent);

        var response = await boss.GetAsync(list.QuerySelector("#export-csv")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var body = await response.Content.ReadAsByteArrayAsync();
        var records = ReadCsv(body);
        Assert.Equal(UserCsv.ExportHeader, records[0]);
        Assert.Equal(total, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.Equal(Roles.Vendor, r[4]));
        Assert.All(records.Skip(1), r => Assert.Equal("Active", r[6]));
        var emails = records.Skip(1).Select(r => r[2]).ToList();
        Assert.Equal(emails.Order(StringComparer.Ordinal), emails); // the list's sort

        var entry = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserExport));
        Assert.True(entry.Succeeded);
        Assert.Equal("boss", entry.ActorUserName);
        Assert.Equal($"export:{total}:role=vendor&status=Active", entry.Reason);
        var details = await boss.GetPageAsync($"/Audit/Details/{entry.Id}");
        Assert.Contains("Accounts exported as CSV", details.Body!.TextContent);
        Assert.Contains($"{total} accounts; search and filters: role=vendor&status=Active", details.Body!.TextContent);
    }

    [Fact]
    public async Task Formula_cells_are_neutralised_and_text_stays_utf8()
    {
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "=HYPERLINK(\"http://evil\",\"Peña\")")));
        await _app.CreateUserAsync("at-sign", email: "plus@example.com");
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "at-sign")
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "@SUM(1+1)")));
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");

        var body = await (await boss.GetAsync("/Users?handler=Export")).Content.ReadAsByteArrayAsync();

        Assert.False(body.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"Peña\"\")\"", text, StringComparison.Ordinal);
        var rows = ReadCsv(body).Skip(1).ToDictionary(r => r[1]);
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"Peña\")", rows["clerk"][3]);
        Assert.Equal("'@SUM(1+1)", rows["at-sign"][3]);
        Assert.Equal("boss display", rows["boss"][3]);
        Assert.Equal(4, rows.Count); // root, boss, clerk, at-sign: no filter, every page
        Assert.Equal("export-all:4", (await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserExport))).Reason);
    }

    [Fact]
    public async Task A_large_export_streams_every_row()
    {
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(3000));
        var total = await _app.WithDbAsync(db => db.Users.CountAsync());
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");

        using var response = await boss.Client.GetAsync("/Users?handler=Export", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength); // streamed: the length is not known before the body is written
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }
        Assert.Equal(total + 1, lines); // demo display names hold no line breaks
    }

    [Fact]
    public async Task Checked_accounts_export_through_the_bulk_form_and_all_matching_is_the_lists_export()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users");
        Assert.NotNull(list.QuerySelector("form#bulk button[name='bulk'][value='export']"));
        var clerk = await _app.IdOfAsync("clerk");

        var response = await boss.GetAsync($"/Users/Bulk?bulk=export&ids={clerk}");
        var records = ReadCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["clerk"], records.Skip(1).Select(r => r[1]));
        Assert.Equal("export-selected:1", (await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.UserExport))).Reason);

        var all = await boss.GetAsync("/Users/Bulk?bulk=export&all=true&role=employee");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        Assert.Equal("/Users?role=employee&handler=Export", all.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_second_factor_column_counts_passkeys_as_the_lists_filter_does()
    {
        await _app.CreateUserAsync("keyholder", Roles.Employee, "keyholder-password");
        await PasskeyTests.AddPasskeyAsync(_app, "keyholder", "Security key");
        using (var holder = await _app.SignedInBrowserAsync("clerk", "clerk-password"))
        {
            await _app.EnrolAsync(holder); // an authenticator app
        }
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");

        var all = ReadCsv(await (await boss.GetAsync("/Users?handler=Export")).Content.ReadAsByteArrayAsync());
        var secondFactor = all.Skip(1).ToDictionary(r => r[1], r => r[7]);
        Assert.Equal("yes", secondFactor["keyholder"]);
        Assert.Equal("yes", secondFactor["clerk"]);
        Assert.Equal("no", secondFactor["boss"]);

        var holders = ReadCsv(await (await boss.GetAsync("/Users?handler=Export&twofactor=yes")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["clerk", "keyholder"], holders.Skip(1).Select(r => r[1]).Order(StringComparer.Ordinal));
        var list = await boss.GetPageAsync("/Users?twofactor=yes");
        Assert.Contains("of 2 accounts", list.QuerySelector("#total")!.TextContent);
    }

    [Fact]
    public async Task Only_administrators_export()
    {
        using var clerk = await _app.SignedInBrowserAsync("clerk", "clerk-password");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/Users?handler=Export")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/Users/Bulk?bulk=export&ids=1")).StatusCode);
        var anonymous = await _app.CreateBrowser().GetAsync("/Users?handler=Export");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.UserExport)));
    }
}
