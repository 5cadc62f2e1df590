using System.Diagnostics;

namespace AdminPortal.PasswordReset;

/// <summary>
/// Keeps step 1's answer time the same whether or not an email went out: it remembers how long the latest sends
/// took and makes an answer that sends nothing last as long as one of them, drawn at random — so the two kinds of
/// answer have the same spread of times, not just the same average. Real time on purpose (not the injected
/// TimeProvider): it is about what an observer measures. In process memory, per instance on purpose: each instance
/// learns its own sending time, and nothing about it needs sharing (DESIGN.md "Instances").
/// </summary>
public sealed class SendDurationEqualizer
{
    // Before the first email of this process there is nothing to learn from: a quick hand-over to a mail server.
    internal static readonly TimeSpan FirstGuess = TimeSpan.FromMilliseconds(250);
    private const int Remembered = 64;

    private readonly Lock _lock = new();
    private readonly TimeSpan[] _durations = new TimeSpan[Remembered];
    private int _count;
    private int _next;

    public void Record(TimeSpan duration)
    {
        lock (_lock)
        {
            _durations[_next] = duration;
            _next = (_next + 1) % Remembered;
            _count = Math.Min(_count + 1, Remembered);
        }
    }

    /// <summary>One of the remembered send durations, at random.</summary>
    public TimeSpan Sample()
    {
        lock (_lock)
        {
            return _count == 0 ? FirstGuess : _durations[Random.Shared.Next(_count)];
        }
    }

    public async Task WaitAsync(long startedTimestamp, CancellationToken cancellationToken)
    {
        var remaining = Sample() - Stopwatch.GetElapsedTime(startedTimestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }
}
