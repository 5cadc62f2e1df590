using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Accounts;

public sealed partial class AdminCommandsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("lena", Roles.Employee, "lena-password");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AdminCommands.RunAsync(_app.Services, args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"^\s+(\S{20})$", RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();

    [Fact]
    public async Task Reset_root_prints_a_new_password_once_forces_a_change_clears_lockout_and_second_factor_and_ends_sessions()
    {
        using var before = await _app.SignedInAsRootAsync();
        await _app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1))
            .SetProperty(u => u.AccessFailedCount, 3)
            .SetProperty(u => u.TwoFactorEnabled, true)));
        await _app.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var root = (await users.FindByNameAsync("root"))!;
            await users.ResetAuthenticatorKeyAsync(root);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(root, 10);
        });

        var (exitCode, output, error) = await RunAsync("admin", "reset-root");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var password = PrintedPassword().Match(output).Groups[1].Value;
        Assert.Equal(20, password.Length);
        var root = await _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.IsPrincipal));
        Assert.True(root.MustChangePassword);
        Assert.Null(root.LockoutEnd);
        Assert.Equal(0, root.AccessFailedCount);
        Assert.False(root.TwoFactorEnabled);
        Assert.Equal(0, await _app.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == root.Id)));

        // The session opened before is over; the printed password signs in and is sent to change it.
        var next = await before.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", next.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("root", AppFactory.RootPassword)).StatusCode);
        using var after = await _app.SignedInBrowserAsync("root", password);
        var home = await after.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("ChangePassword", home.Headers.Location!.OriginalString);

        var entry = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.RootReset));
        Assert.Equal(AdminCommands.CommandLineActor, entry.ActorUserName);
        Assert.Null(entry.ActorId);
        Assert.Equal(root.Id, entry.TargetId);
        Assert.True(entry.Succeeded);
        Assert.DoesNotContain(password, entry.Changes!, StringComparison.Ordinal);
        Assert.Contains("MustChangePassword", entry.Changes!, StringComparison.Ordinal);
        Assert.Contains("LockedOutUntil", entry.Changes!, StringComparison.Ordinal);
        Assert.Contains("TwoFactorEnabled", entry.Changes!, StringComparison.Ordinal);
        // The password is printed to the operator, never logged.
        Assert.DoesNotContain(_app.Logs, log => log.Message.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unlock_clears_a_lockout_by_user_name_or_email_and_is_audited()
    {
        await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lena").ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1))
            .SetProperty(u => u.AccessFailedCount, 5)));
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateBrowser().SignInAsync("lena", "lena-password")).StatusCode);

        var (exitCode, output, error) = await RunAsync("admin", "unlock", "LENA@example.com");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("'lena' is unlocked", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("lena", "lena-password")).StatusCode);
        var entry = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.AccountUnlock));
        Assert.Equal(AdminCommands.CommandLineActor, entry.ActorUserName);
        Assert.Equal("lena", entry.TargetUserName);
        Assert.Contains("AccessFailedCount", entry.Changes!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_of_an_unknown_account_or_one_not_locked_changes_nothing()
    {
        var unknown = await RunAsync("admin", "unlock", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No account has the user name or email 'nobody'", unknown.Error, StringComparison.Ordinal);

        var notLocked = await RunAsync("admin", "unlock", "lena");
        Assert.Equal(0, notLocked.ExitCode);
        Assert.Contains("not locked out", notLocked.Output, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.AccountUnlock)));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin", "reset-everything")]
    [InlineData("admin", "unlock")]
    [InlineData("admin", "reset-root", "extra")]
    public async Task Anything_else_prints_the_usage_and_changes_nothing(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("Usage:", error.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Other_arguments_are_not_an_admin_command() => Assert.Null((await RunAsync("seed-demo", "5")).ExitCode);

    /// <summary>The published way in: the app's own process, its arguments, its exit code and what it prints.</summary>
    [Fact]
    public async Task The_app_run_with_admin_reset_root_prints_the_password_and_exits()
    {
        var database = Path.Combine(_app.Directory, "process.db");
        var start = new ProcessStartInfo("dotnet", [typeof(AdminCommands).Assembly.Location, "admin", "reset-root"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _app.Directory,
            Environment =
            {
                ["ConnectionStrings__AdminPortal"] = $"Data Source={database}",
                ["AdminPortal__Root__Password"] = "first-root-password",
                ["Smtp__PickupDirectory"] = Path.Combine(_app.Directory, "process-mail"),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Matches(PrintedPassword(), await output);
    }
}
