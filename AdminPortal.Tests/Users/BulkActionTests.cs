using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Users;

/// <summary>Bulk actions on the user list through HTTP: confirmation, one POST, the same rules as one by one, a shared batch id.</summary>
public sealed class BulkActionTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.CreateUserAsync("boss", Roles.Admin, "boss-password");
        foreach (var name in new[] { "adm1", "adm2", "adm3" })
        {
            await _app.CreateUserAsync(name, Roles.Admin);
        }
        await _app.CreateUserAsync("emp1", Roles.Employee);
        await _app.CreateUserAsync("emp2", Roles.Vendor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<IHtmlDocument> ConfirmAndFollowAsync(HttpBrowser browser, IHtmlDocument confirmation)
    {
        var response = await browser.SubmitAsync(HttpBrowser.FindForm(confirmation, "#confirm form"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Users/BulkResult", response.Headers.Location!.OriginalString);
        return await browser.FollowAsync(response);
    }

    [Fact]
    public async Task A_bulk_disable_of_everyone_leaves_the_principal_and_oneself_and_reports_each_refusal()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users");
        Assert.Contains("Select all 7 matching accounts", list.QuerySelector("label[for='select-all-matching']")!.TextContent);
        var one = await boss.GetPageAsync("/Users?q=boss");
        Assert.Equal("Select the matching account", one.QuerySelector("label[for='select-all-matching']")!.TextContent.Trim());

        // "Select all N matching", not only the page: the list's form with the box checked and the Disable button.
        var form = HttpBrowser.FindForm(list, "form#bulk");
        var disable = form.QuerySelector("button[value='disable']") as IHtmlElement;
        var confirmationResponse = await boss.SubmitAsync(form, new Dictionary<string, string> { ["all"] = "true" }, disable);
        var confirmation = await HttpBrowser.ParseAsync(confirmationResponse);
        Assert.Contains("Disable these 7 accounts?", confirmation.QuerySelector("#question")!.TextContent);
        Assert.Equal(["adm1", "adm2", "adm3", "boss", "emp1"], confirmation.QuerySelectorAll("#names li").Select(li => li.TextContent).ToArray());
        Assert.Contains("and 2 more", confirmation.QuerySelector("#more")!.TextContent);
        Assert.True(await _app.WithDbAsync(db => db.Users.AllAsync(u => u.Status == AccountStatus.Active))); // the GET changed nothing

        var result = await ConfirmAndFollowAsync(boss, confirmation);

        Assert.Contains("Done: 5", result.QuerySelector("#done")!.TextContent);
        Assert.Contains("Refused: 2", result.QuerySelector("#refused")!.TextContent);
        var refusals = result.QuerySelectorAll("#refusals tbody tr").ToDictionary(r => r.GetAttribute("data-user")!, r => r.Children[1].TextContent.Trim());
        Assert.Equal("The principal account is protected", refusals["root"]);
        Assert.Equal("Not allowed on one's own account", refusals["boss"]);
        Assert.Equal(2, refusals.Count);

        var statuses = await _app.WithDbAsync(db => db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Status));
        Assert.Equal(AccountStatus.Active, statuses["root"]);
        Assert.Equal(AccountStatus.Active, statuses["boss"]);
        Assert.All(new[] { "adm1", "adm2", "adm3", "emp1", "emp2" }, name => Assert.Equal(AccountStatus.Disabled, statuses[name]));
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Status == AccountStatus.Active && (u.Role == Roles.Admin || u.Role == Roles.Root))));

        // One audit entry per account, all with the batch id the result page links to.
        var batch = await _app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.UserDisable && e.BatchId != null).ToListAsync());
        Assert.Single(batch.Select(e => e.BatchId).Distinct());
        Assert.Equal(7, batch.Count);
        Assert.Equal(7, batch.Select(e => e.TargetId).Distinct().Count());
        Assert.Equal(2, batch.Count(e => !e.Succeeded));
        var auditPage = await boss.GetPageAsync(result.QuerySelector("#batch-link")!.GetAttribute("href")!);
        Assert.Equal(7, auditPage.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(7, auditPage.QuerySelectorAll("tbody tr .batch").Length);
    }

    [Fact]
    public async Task Checked_accounts_are_acted_on_and_the_rest_untouched()
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var list = await boss.GetPageAsync("/Users?role=employee");
        var emp1 = await _app.IdOfAsync("emp1");
        // The row's check box joins the bulk form by its form attribute (AngleSharp does not submit those: the request is
        // built as a browser builds it).
        var checkbox = (IHtmlInputElement)list.QuerySelector($"#select-{emp1}")!;
        Assert.Equal("bulk", checkbox.GetAttribute("form"));
        Assert.Equal("ids", checkbox.Name);
        Assert.NotNull(list.QuerySelector("form#bulk button[name='bulk'][value='delete']"));
        Assert.NotNull(list.QuerySelector("form#bulk input[name='role'][value='employee']"));
        var confirmation = await boss.GetPageAsync($"/Users/Bulk?role=employee&ids={checkbox.Value}&bulk=delete");
        Assert.Contains("Delete this account permanently?", confirmation.QuerySelector("#question")!.TextContent);
        Assert.Equal(["emp1"], confirmation.QuerySelectorAll("#names li").Select(li => li.TextContent).ToArray());

        var result = await ConfirmAndFollowAsync(boss, confirmation);

        Assert.Contains("Done: 1", result.QuerySelector("#done")!.TextContent);
        Assert.Null(await _app.FindAsync("emp1"));
        Assert.NotNull(await _app.FindAsync("emp2"));
    }

    [Fact]
    public async Task Enabling_in_bulk_leaves_active_accounts_unchanged_and_writes_nothing_for_them()
    {
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "emp2").ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var ids = string.Join("&", new[] { await _app.IdOfAsync("emp1"), await _app.IdOfAsync("emp2") }.Select(id => $"ids={id}"));

        var result = await ConfirmAndFollowAsync(boss, await boss.GetPageAsync($"/Users/Bulk?bulk=enable&{ids}"));

        Assert.Contains("Done: 1", result.QuerySelector("#done")!.TextContent);
        Assert.Contains("left unchanged: 1", result.QuerySelector("#unchanged")!.TextContent);
        Assert.Equal(AccountStatus.Active, (await _app.FindAsync("emp2"))!.Status);
    }

    [Theory]
    [InlineData("/Users/Bulk?bulk=explode&ids=2")]
    [InlineData("/Users/Bulk?bulk=disable")]
    [InlineData("/Users/Bulk?bulk=disable&ids=999999")]
    [InlineData("/Users/Bulk?bulk=disable&ids=abc")]
    [InlineData("/Users/Bulk?bulk=1&ids=2")]
    public async Task A_bulk_request_with_nothing_valid_to_do_goes_back_to_the_list_with_a_message(string url)
    {
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var response = await boss.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("Error:", (await boss.FollowAsync(response)).StatusMessage());
    }

    [Fact]
    public async Task Resending_invitations_in_bulk_skips_accounts_that_are_not_invited()
    {
        using var root = await _app.SignedInAsRootAsync();
        foreach (var name in new[] { "inv1", "inv2" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await root.SubmitFormAsync("/Users/Create", Invitations.InvitationTests.InvitationFormFor(name))).StatusCode);
        }
        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        using var boss = await _app.SignedInBrowserAsync("boss", "boss-password");
        var ids = string.Join("&", new[] { await _app.IdOfAsync("inv1"), await _app.IdOfAsync("inv2"), await _app.IdOfAsync("emp1") }.Select(id => $"ids={id}"));

        var result = await ConfirmAndFollowAsync(boss, await boss.GetPageAsync($"/Users/Bulk?bulk=resend&{ids}"));

        Assert.Contains("Done: 2", result.QuerySelector("#done")!.TextContent);
        Assert.Equal("The account is not waiting for an invitation", result.QuerySelector("#refusals tr[data-user='emp1'] td:last-child")!.TextContent.Trim());
    }
}
