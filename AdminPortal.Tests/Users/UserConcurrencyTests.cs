using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Users;

public sealed class UserConcurrencyTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("ann", Roles.Admin, "ann-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Many_parallel_creates_of_the_same_user_name_make_exactly_one_account_and_no_500()
    {
        using var root = await _app.SignedInAsRootAsync();
        var form = HttpBrowser.FindForm(await root.GetPageAsync("/Users/Create"));
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var names = Enumerable.Range(0, 12).Select(i => (i % 3) switch { 0 => "racer", 1 => "RACER", _ => "Racer" }).ToList();
        var responses = await Task.WhenAll(names.Select(async (name, i) =>
        {
            var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = name,
                ["Input.Email"] = $"racer{i}@example.com",
                ["Input.DisplayName"] = "Racer",
                ["Input.Role"] = Roles.Employee,
                ["Input.Method"] = "Password",
                ["Input.Password"] = "racer-password",
                ["Input.ConfirmPassword"] = "racer-password",
            });
            var response = await root.Client.PostAsync("/Users/Create", content);
            return (response.StatusCode, Html: await response.Content.ReadAsStringAsync());
        }));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Contains("This user name is already taken.", r.Html);
        });
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedUserName == "RACER")));
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_user_manager()
    {
        // With the principal disabled (only possible in the database), ann and ben are the only active user managers.
        var ben = await _app.CreateUserAsync("ben", Roles.Admin, "ben-password");
        var ann = (await _app.FindAsync("ann"))!;
        await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));

        async Task<UserAdministrationResult> DemoteAsync(AppUser actor, AppUser target)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<UserAdministrationService>();
            var version = AccountVersion.Of(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
                .AsNoTracking().SingleAsync(u => u.Id == target.Id));
            var me = new CurrentAccount(actor.Id, actor.UserName!, actor.DisplayName, actor.Role, Theme.System, "en", false, false);
            return await service.UpdateAsync(me, target.Id, new AccountEdit(target.UserName!, target.Email!, target.DisplayName,
                Roles.Employee, AccountStatus.Active, null, false, version));
        }

        var results = await Task.WhenAll(Task.Run(() => DemoteAsync(ann, ben)), Task.Run(() => DemoteAsync(ben, ann)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Refusal == UserRefusal.LastUserManager);
        Assert.Equal("At least one active account that can manage users must remain.", results.Single(r => !r.Succeeded).Message);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Status == AccountStatus.Active && u.Role == Roles.Admin)));
    }

    [Fact]
    public async Task Deleting_or_disabling_the_last_active_user_manager_is_refused()
    {
        var ann = (await _app.FindAsync("ann"))!;
        var ben = await _app.CreateUserAsync("ben", Roles.Admin, "ben-password");
        await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));
        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == ann.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, AccountStatus.Disabled)));

        // ann, disabled meanwhile, still holds a request in flight: ben is the last active user manager.
        await using var scope = _app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<UserAdministrationService>();
        var me = new CurrentAccount(ann.Id, ann.UserName!, ann.DisplayName, ann.Role, Theme.System, "en", false, false);
        Assert.Equal(UserRefusal.LastUserManager, (await service.DisableAsync(me, ben.Id)).Refusal);
        Assert.Equal(UserRefusal.LastUserManager, (await service.DeleteAsync(me, ben.Id)).Refusal);
        Assert.NotNull(await _app.FindAsync("ben"));
        Assert.Equal(2, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.TargetId == ben.Id && e.Reason == "last-user-manager")));
    }
}
