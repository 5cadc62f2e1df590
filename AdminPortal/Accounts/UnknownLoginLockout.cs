using AdminPortal.Limits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Accounts;

/// <summary>
/// Identity's lockout, played for names no account has: after as many wrong tries as a real account takes, an
/// unknown name is "paused" for as long, so the lockout message cannot tell which names exist. The tries and the
/// pause are shared counters (every instance sees them), kept under a hash of the name; the tries are forgotten
/// twice the lockout window after the last one, the pause when it ends.
/// </summary>
public sealed class UnknownLoginLockout(IOptions<IdentityOptions> identityOptions, SharedCounters counters)
{
    private const string FailuresKind = "signin-unknown";
    private const string PauseKind = "signin-unknown-pause";

    private readonly LockoutOptions _options = identityOptions.Value.Lockout;

    public Task<bool> IsLockedOutAsync(string login) => counters.IsLiveAsync(SharedCounters.Key(PauseKind, Normalize(login)));

    /// <summary>Counts a wrong try for the name; every one that reaches the limit starts a pause, as Identity's does.</summary>
    public async Task RecordFailureAsync(string login)
    {
        var name = Normalize(login);
        var failures = await counters.HitSlidingAsync(SharedCounters.Key(FailuresKind, name), _options.DefaultLockoutTimeSpan * 2);
        if (failures % _options.MaxFailedAccessAttempts == 0)
        {
            await counters.HitSlidingAsync(SharedCounters.Key(PauseKind, name), _options.DefaultLockoutTimeSpan);
        }
    }

    private static string Normalize(string login) => login.Trim().ToUpperInvariant();
}
