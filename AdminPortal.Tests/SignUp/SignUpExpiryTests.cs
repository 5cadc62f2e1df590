using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Users;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.SignUp;

/// <summary>A sign-up request nobody decides does not hold its user name and email for good: it expires, and the next request deletes it.</summary>
public sealed class SignUpExpiryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new AppFactory().With("AdminPortal:SelfRegistration", "RequiresApproval");

    public ValueTask InitializeAsync()
    {
        _ = _app.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task RequestAsync(string userName, string? email = null)
    {
        using var browser = _app.CreateBrowser();
        var response = await browser.SubmitFormAsync(SignUpTests.RequestPath, SignUpTests.RequestForm(userName, email));
        Assert.Equal(SignUpTests.RequestPath + "?sent=True", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_undecided_request_holds_its_name_until_it_expires_then_the_next_request_deletes_it_audited()
    {
        await RequestAsync("squatter1");
        var squatter = await _app.IdOfAsync("squatter1");

        _app.Clock.Advance(UserAdministrationService.SignUpRequestLifetime - TimeSpan.FromHours(1));
        await RequestAsync("squatter1", "someone-else@example.com"); // still taken: nothing created, same answer
        Assert.Equal(squatter, await _app.IdOfAsync("squatter1"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Pending)));

        _app.Clock.Advance(TimeSpan.FromHours(2));
        await RequestAsync("squatter1", "rightful@example.com");

        var requests = await _app.WithDbAsync(db => db.Users.Where(u => u.Status == AccountStatus.Pending).ToListAsync());
        var request = Assert.Single(requests);
        Assert.Equal(("squatter1", "rightful@example.com"), (request.UserName, request.Email));
        Assert.NotEqual(squatter, request.Id);
        var expired = await _app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.SignUpExpire));
        Assert.Equal((squatter, "squatter1", true), (expired.TargetId, expired.TargetUserName, expired.Succeeded));

        using var root = await _app.SignedInAsRootAsync();
        var details = await root.GetPageAsync($"/Audit/Details/{expired.Id}");
        Assert.Contains("Account request expired and deleted", details.Body!.TextContent);
    }
}
