using System.Net;
using AdminPortal.Accounts;
using AdminPortal.Limits;
using AdminPortal.PasswordReset;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Limits;

/// <summary>
/// Two instances of the app on one database (two hosts on the same SQLite file or PostgreSQL database), as behind a
/// proxy: the rate limits and the unknown-name pauses count every try, whichever instance took it.
/// </summary>
public sealed class SharedLimitsTests : IAsyncLifetime
{
    private readonly AppFactory _first = new AppFactory().KeepingDatabase();
    private readonly AppFactory _second = new();

    public ValueTask InitializeAsync()
    {
        _ = _first.Services; // migrates the database before the second instance starts on it
        _second.WithDatabaseOf(_first);
        _ = _second.Services;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync(); // drops the database
    }

    [Fact]
    public async Task Sign_in_tries_from_one_address_count_on_both_instances()
    {
        var limit = AccountServiceExtensions.SignInRule.Limit;
        using var onFirst = _first.CreateBrowser("198.51.100.20");
        using var onSecond = _second.CreateBrowser("198.51.100.20");
        for (var i = 0; i < limit; i++)
        {
            var browser = i % 2 == 0 ? onFirst : onSecond;
            Assert.Equal(HttpStatusCode.OK, (await browser.SignInAsync($"spread-{i}", "wrong-password")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onFirst.SignInAsync("spread-last", "wrong-password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onSecond.SignInAsync("spread-last", "wrong-password")).StatusCode);
    }

    [Fact]
    public async Task Reset_requests_for_one_email_count_on_both_instances()
    {
        for (var i = 0; i < PasswordResetRateLimits.EmailStepPerEmail; i++)
        {
            using var browser = (i % 2 == 0 ? _first : _second).CreateBrowser();
            Assert.Equal(Step2, (await browser.RequestCodeAsync("shared-target@example.com")).Location());
        }
        using var another = _second.CreateBrowser();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await another.RequestCodeAsync("shared-target@example.com")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_is_paused_after_tries_spread_over_both_instances()
    {
        using var onFirst = _first.CreateBrowser();
        using var onSecond = _second.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            var page = await HttpBrowser.ParseAsync(await (i % 2 == 0 ? onFirst : onSecond).SignInAsync("nobody-shared", "wrong-password"));
            Assert.DoesNotContain("paused", page.Summary());
        }
        var paused = await HttpBrowser.ParseAsync(await onSecond.SignInAsync("NOBODY-SHARED", "any-password"));
        Assert.Contains("paused for 15 minutes", paused.Summary());
        paused = await HttpBrowser.ParseAsync(await onFirst.SignInAsync("nobody-shared", "any-password"));
        Assert.Contains("paused for 15 minutes", paused.Summary());

        Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var again = await HttpBrowser.ParseAsync(await onFirst.SignInAsync("nobody-shared", "any-password"));
        Assert.DoesNotContain("paused", again.Summary());
    }

    [Fact]
    public async Task A_full_window_opens_again_when_it_ends_on_either_instance()
    {
        using var onFirst = _first.CreateBrowser("198.51.100.30");
        using var onSecond = _second.CreateBrowser("198.51.100.30");
        for (var i = 0; i < AccountServiceExtensions.SignInRule.Limit; i++)
        {
            await onFirst.SignInAsync($"window-{i}", "wrong-password");
        }
        var refused = await onSecond.SignInAsync("window-last", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

        Advance(TimeSpan.FromSeconds(retryAfter));
        Assert.Equal(HttpStatusCode.OK, (await onSecond.SignInAsync("window-next", "wrong-password")).StatusCode);
    }

    [Fact]
    public async Task Ended_windows_are_deleted_by_the_next_write()
    {
        await _first.WithServicesAsync(async services =>
        {
            var counters = services.GetRequiredService<SharedCounters>();
            Assert.Equal(1, (await counters.HitAsync("test:old-a", TimeSpan.FromMinutes(1))).Count);
            Assert.Equal(2, (await counters.HitAsync("test:old-a", TimeSpan.FromMinutes(1))).Count);
            await counters.HitSlidingAsync("test:old-b", TimeSpan.FromMinutes(2));
        });
        Advance(TimeSpan.FromMinutes(3));
        await _second.WithServicesAsync(async services =>
        {
            var counters = services.GetRequiredService<SharedCounters>();
            Assert.False(await counters.IsLiveAsync("test:old-b"));
            Assert.Equal(1, (await counters.HitAsync("test:old-a", TimeSpan.FromMinutes(1))).Count);
        });
        var keys = await _first.WithDbAsync(db => db.SharedCounters.Where(c => c.Key.StartsWith("test:old-")).Select(c => c.Key).ToListAsync());
        Assert.Equal(["test:old-a"], keys);
    }

    [Fact]
    public async Task The_counters_keep_no_typed_name_or_address()
    {
        using var browser = _first.CreateBrowser("198.51.100.40");
        await browser.SignInAsync("typed-secret-name", "wrong-password");
        var keys = await _first.WithDbAsync(db => db.SharedCounters.Select(c => c.Key).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.DoesNotContain(keys, k => k.Contains("TYPED-SECRET", StringComparison.OrdinalIgnoreCase) || k.Contains("198.51.100.40", StringComparison.Ordinal));
    }

    private void Advance(TimeSpan by)
    {
        _first.Clock.Advance(by);
        _second.Clock.Advance(by);
    }
}
