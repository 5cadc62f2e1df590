using System.Net;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Audit;

/// <summary>What the user administration pages leave in the audit log, read back through /Audit.</summary>
public sealed class AuditOfUserAdministrationTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private HttpBrowser _root = null!;
    private int _bobId;

    public async ValueTask InitializeAsync()
    {
        _bobId = (await _app.CreateUserAsync("bob", Roles.Employee, "bob-password")).Id;
        _root = await _app.SignedInAsRootAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _root.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_record_of_an_edit_holds_old_and_new_values_and_no_password_hash()
    {
        var response = await _root.SubmitFormAsync($"/Users/Edit/{_bobId}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Robert",
            ["Input.Email"] = "robert@example.com",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _root.SubmitFormAsync($"/Users/SetPassword/{_bobId}",
            new Dictionary<string, string> { ["Input.Password"] = "bobs-new-password", ["Input.ConfirmPassword"] = "bobs-new-password" });

        var list = await _root.GetPageAsync("/Audit?action=user.update");
        var details = await _root.GetPageAsync(list.QuerySelector("tbody tr a[href^='/Audit/Details/']")!.GetAttribute("href")!);
        var changes = details.QuerySelectorAll("#changes tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent, r => string.Join(" ", r.QuerySelectorAll("td").Select(c => c.TextContent)));
        Assert.Equal("bob display → Robert", changes["Display name"]);
        Assert.Equal("bob@example.com → robert@example.com", changes["Email"]);
        Assert.Contains("root", details.QuerySelector("dl")!.TextContent);

        var hash = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _bobId).Select(u => u.PasswordHash!).SingleAsync());
        var stamp = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _bobId).Select(u => u.SecurityStamp!).SingleAsync());
        var csv = await (await _root.GetAsync("/Audit?handler=Export")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(hash, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(stamp, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("bobs-new-password", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(AppFactory.RootPassword, csv, StringComparison.Ordinal);
        Assert.Contains("user.password.set", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_delete_of_the_principal_is_listed_as_refused()
    {
        var rootId = await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).Select(u => u.Id).SingleAsync());
        var page = await _root.GetPageAsync($"/Users/Details/{_bobId}?confirm=delete");
        var form = HttpBrowser.FindForm(page, "#confirm form");
        form.Action = $"/Users/Details/{rootId}?handler=delete";
        await _root.SubmitAsync(form);

        var list = await _root.GetPageAsync("/Audit?action=user.delete&target=root");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Contains("Refused", row.TextContent);
        Assert.Contains("The principal account is protected", row.TextContent);
        Assert.NotNull(await _app.WithDbAsync(db => db.Users.SingleOrDefaultAsync(u => u.Id == rootId)));
    }

    [Fact]
    public async Task The_user_details_page_shows_the_accounts_recent_history()
    {
        await _root.SubmitFormAsync($"/Users/Edit/{_bobId}", new Dictionary<string, string> { ["Input.DisplayName"] = "Robert" });
        using var bob = await _app.SignedInBrowserAsync("bob", "bob-password");

        var details = await _root.GetPageAsync($"/Users/Details/{_bobId}");
        var history = details.QuerySelectorAll(".account-history li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal([AuditActions.SignInSuccess, AuditActions.UserUpdate],
            details.QuerySelectorAll(".account-history li [data-action]").Select(e => e.GetAttribute("data-action")));
        Assert.Contains("Signed in", history[0]);
        Assert.Contains("Account edited", history[1]);
        Assert.Contains("by root", history[1]);
    }
}
