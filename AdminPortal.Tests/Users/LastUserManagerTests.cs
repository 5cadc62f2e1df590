using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

/// <summary>
/// Rule 4 through HTTP: "at least one active account that can manage users always remains". The principal is disabled (only
/// possible in the database), so the administrators ann and ben are the only active user managers. Whoever acts is one
/// too, and acting on yourself is rule 3's refusal, so one request alone can never remove the last: the rule refuses when
/// the actor stopped being a user manager while its request was in flight — two administrators removing each other.
/// </summary>
public sealed class LastUserManagerTests : IAsyncLifetime
{
    private readonly Meanwhile _meanwhile = new();
    private readonly AppFactory _app;
    private HttpBrowser _ann = null!;
    private HttpBrowser _ben = null!;
    private int _annId;
    private int _benId;

    public LastUserManagerTests() =>
        _app = new AppFactory().WithServices(services => services.Configure<MvcOptions>(options => options.Filters.Add(_meanwhile)));

    public async ValueTask InitializeAsync()
    {
        _annId = (await _app.CreateUserAsync("ann", Roles.Admin, "ann-password")).Id;
        _benId = (await _app.CreateUserAsync("ben", Roles.Admin, "ben-password")).Id;
        await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        _ann = await _app.SignedInBrowserAsync("ann", "ann-password");
        _ben = await _app.SignedInBrowserAsync("ben", "ben-password");
    }

    public async ValueTask DisposeAsync()
    {
        _ann.Dispose();
        _ben.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>ann disables, deletes or demotes ben, through the pages.</summary>
    private async Task<HttpResponseMessage> AnnRemovesBenAsync(string action) => action == "demote"
        ? await _ann.SubmitFormAsync($"/Users/Edit/{_benId}", new Dictionary<string, string> { ["Input.Role"] = Roles.Employee })
        : await _ann.ConfirmAsync(_benId, action);

    private Task<int> ActiveUserManagersAsync() =>
        _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Active && (u.Role == Roles.Root || u.Role == Roles.Admin)));

    [Theory]
    [InlineData("disable")]
    [InlineData("delete")]
    [InlineData("demote")]
    public async Task Another_administrator_may_go_while_the_actor_remains_one(string action)
    {
        var response = await AnnRemovesBenAsync(action);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ben = await _app.FindAsync("ben");
        Assert.True(ben is null || ben.Status == AccountStatus.Disabled || ben.Role == Roles.Employee);
        Assert.Equal(1, await ActiveUserManagersAsync());
        Assert.Equal(HttpStatusCode.OK, (await _ann.GetAsync("/Users")).StatusCode);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("delete")]
    [InlineData("demote")]
    public async Task Removing_the_last_active_user_manager_is_refused_with_a_message_changes_nothing_and_is_audited(string action)
    {
        // ben disables ann after ann's request passed its session check and before her page handler runs.
        _meanwhile.Then(async () => Assert.Equal(HttpStatusCode.Redirect, (await _ben.ConfirmAsync(_annId, "disable")).StatusCode));

        var response = await AnnRemovesBenAsync(action);

        const string message = "At least one active account that can manage users must remain.";
        if (action == "demote")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HttpBrowser.ParseAsync(response);
            Assert.Equal(message, page.Summary());
            Assert.Equal(Roles.Employee, ((IHtmlSelectElement)page.QuerySelector("select[name='Input.Role']")!).Value);
        }
        else
        {
            // The refusal goes back to the details page as a flash message; ann's own session has ended meanwhile, so she
            // reads it on the sign-in page.
            Assert.Equal($"/Users/Details/{_benId}", response.Headers.Location!.OriginalString);
            var signIn = await FollowAllAsync(_ann, response);
            Assert.StartsWith("/Identity/Account/Login", new Uri(signIn.Url).PathAndQuery);
            Assert.Equal($"Error: {message}", signIn.StatusMessage());
        }

        var ben = (await _app.FindAsync("ben"))!;
        Assert.Equal((Roles.Admin, AccountStatus.Active), (ben.Role, ben.Status));
        Assert.Equal(1, await ActiveUserManagersAsync());
        var refusal = Assert.Single(await _app.WithDbAsync(db => db.AuditEntries
            .Where(e => e.TargetId == _benId && e.Action.StartsWith("user.")).ToListAsync()));
        Assert.Equal((false, "last-user-manager", _annId), (refusal.Succeeded, refusal.Reason, refusal.ActorId));
    }

    [Fact]
    public async Task Two_administrators_demoting_each_other_at_once_leave_one_and_no_500()
    {
        var annForm = HttpBrowser.FindForm(await _ann.GetPageAsync($"/Users/Edit/{_benId}"));
        var benForm = HttpBrowser.FindForm(await _ben.GetPageAsync($"/Users/Edit/{_annId}"));
        var demote = new Dictionary<string, string> { ["Input.Role"] = Roles.Employee };

        var responses = await Task.WhenAll(Task.Run(() => _ann.SubmitAsync(annForm, demote)), Task.Run(() => _ben.SubmitAsync(benForm, demote)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.StartsWith("/Users/Details/"));
        var loser = responses.Single(r => r.StatusCode != HttpStatusCode.Redirect || !r.Headers.Location!.OriginalString.StartsWith("/Users/Details/"));
        if (loser.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("At least one active account that can manage users must remain.", (await HttpBrowser.ParseAsync(loser)).Summary());
        }
        else
        {
            // The winner's demotion ended the loser's session before its request got in.
            Assert.StartsWith("/Identity/Account/Login", loser.Headers.Location!.PathAndQuery);
        }
        Assert.Equal(1, await ActiveUserManagersAsync());
    }

    private static async Task<IHtmlDocument> FollowAllAsync(HttpBrowser browser, HttpResponseMessage response)
    {
        while (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await browser.GetAsync(response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HttpBrowser.ParseAsync(response);
    }

    /// <summary>
    /// What someone else does while a request is in flight: a step run once, on the next POST, after that request passed
    /// its session check and authorization and just before its page handler.
    /// </summary>
    private sealed class Meanwhile : IAsyncPageFilter
    {
        private Func<Task>? _step;

        public void Then(Func<Task> step) => _step = step;

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (HttpMethods.IsPost(context.HttpContext.Request.Method) && Interlocked.Exchange(ref _step, null) is { } step)
            {
                await step();
            }
            await next();
        }
    }
}
