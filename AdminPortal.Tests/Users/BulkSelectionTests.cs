using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>"All matching" on the bulk form is exactly the list: every filter of the list travels with it, export included.</summary>
public sealed partial class BulkSelectionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("boss", Roles.Admin, "boss-password");
        await _app.WithServicesAsync(services => services.GetRequiredService<DemoSeeder>().SeedAsync(60));
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id % 3 == 0 && !u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.TwoFactorEnabled, true)));
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id % 4 == 0 && !u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static int TotalOf(IHtmlDocument list) =>
        int.Parse(TotalPattern().Match(list.QuerySelector("#total")!.TextContent).Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"of (\d[\d,]*) accounts")]
    private static partial Regex TotalPattern();

    [Theory]
    [InlineData("twofactor=yes")]
    [InlineData("show=mustchange")]
    [InlineData("twofactor=no&show=mustchange")]
    public async Task The_all_matching_export_of_a_list_filtered_by_second_factor_or_show_has_the_lists_total_rows(string filters)
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync($"/Users?{filters}");
        var total = TotalOf(list);
        Assert.True(total > 1);
        Assert.True(total < await _app.WithDbAsync(db => db.Users.CountAsync()), "the filter must leave accounts out");

        var form = HttpBrowser.FindForm(list, "form#bulk");
        var response = await boss.SubmitAsync(form, new Dictionary<string, string> { ["all"] = "true" },
            form.QuerySelector("button[value='export']") as IHtmlElement);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var csv = await boss.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var records = CsvExportTests.ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(total, records.Count - 1);
        // and it is the list's own export
        var listExport = await boss.GetAsync(list.QuerySelector("#export-csv")!.GetAttribute("href")!);
        Assert.Equal(records.Select(r => r[1]), CsvExportTests.ReadCsv(await listExport.Content.ReadAsByteArrayAsync()).Select(r => r[1]));
    }

    [Fact]
    public async Task A_bulk_disable_of_all_matching_a_second_factor_filter_touches_only_the_listed_accounts()
    {
        var disabledBefore = await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Disabled));
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users?twofactor=yes&status=Active");
        var total = TotalOf(list);
        var form = HttpBrowser.FindForm(list, "form#bulk");
        var confirmation = await HttpBrowser.ParseAsync(await boss.SubmitAsync(form, new Dictionary<string, string> { ["all"] = "true" },
            form.QuerySelector("button[value='disable']") as IHtmlElement));
        Assert.Contains($"Disable these {total} accounts?", confirmation.QuerySelector("#question")!.TextContent);

        var response = await boss.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));
        var result = await boss.FollowAsync(response);

        Assert.Contains($"Done: {total}", result.QuerySelector("#done")!.TextContent);
        Assert.Equal(disabledBefore + total, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Disabled)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.TwoFactorEnabled && u.Status == AccountStatus.Active)));
        var disabledWithout = await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.BatchId != null && e.Action == AdminPortal.Audit.AuditActions.UserDisable));
        Assert.Equal(total, disabledWithout);
    }

    [Fact]
    public async Task A_sign_up_request_shows_its_pending_state_and_no_role_in_the_list_and_its_details()
    {
        var requester = await _app.CreateUserAsync("requester1", Roles.Employee, status: AccountStatus.Pending);
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");

        var list = await boss.GetPageAsync("/Users?status=Pending");
        var row = list.QuerySelector($"#select-{requester.Id}")!.Closest("tr")!;
        Assert.Equal("Chosen at approval", row.QuerySelector(".cell-role")!.TextContent.Trim());
        Assert.Equal("Pending approval", row.QuerySelector(".cell-status")!.TextContent.Trim());
        Assert.DoesNotContain("Employee", row.TextContent);

        var details = await boss.GetPageAsync($"/Users/Details/{requester.Id}");
        Assert.Equal("Chosen at approval", details.QuerySelector("dd .role-pending")!.TextContent.Trim());
        Assert.DoesNotContain(details.QuerySelectorAll("dd .badge"), badge => badge.TextContent == "Employee");
    }
}
