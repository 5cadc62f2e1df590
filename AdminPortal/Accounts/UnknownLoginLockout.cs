using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AdminPortal.Accounts;

/// <summary>
/// Identity's lockout, played for names no account has: after as many wrong tries as a real account takes, an
/// unknown name is "paused" for as long, so the lockout message cannot tell which names exist. In memory (a name
/// that is not an account has nowhere else to live), bounded, and forgotten after the lockout window.
/// </summary>
public sealed class UnknownLoginLockout(IOptions<IdentityOptions> identityOptions, TimeProvider time) : IDisposable
{
    private const int MaxNamesRemembered = 100_000;

    private readonly LockoutOptions _options = identityOptions.Value.Lockout;
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxNamesRemembered });
    private readonly Lock _lock = new();

    private sealed class Failures
    {
        public int Count;
        public DateTimeOffset? LockedUntil;
    }

    public bool IsLockedOut(string login)
    {
        lock (_lock)
        {
            return _failures.TryGetValue(Key(login), out Failures? failures) && failures!.LockedUntil > time.GetUtcNow();
        }
    }

    /// <summary>Counts a wrong try for the name; the one that reaches the limit starts the pause, as Identity does.</summary>
    public void RecordFailure(string login)
    {
        lock (_lock)
        {
            var key = Key(login);
            var failures = _failures.TryGetValue(key, out Failures? known) ? known! : new Failures();
            var now = time.GetUtcNow();
            if (failures.LockedUntil <= now)
            {
                failures = new Failures();
            }
            if (++failures.Count >= _options.MaxFailedAccessAttempts)
            {
                failures.Count = 0;
                failures.LockedUntil = now + _options.DefaultLockoutTimeSpan;
            }
            _failures.Set(key, failures, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = _options.DefaultLockoutTimeSpan * 2,
            });
        }
    }

    private static string Key(string login) => login.Trim().ToUpperInvariant();

    public void Dispose() => _failures.Dispose();
}
