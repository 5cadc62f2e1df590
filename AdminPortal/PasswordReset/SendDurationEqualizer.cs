using System.Diagnostics;

namespace AdminPortal.PasswordReset;

/// <summary>
/// Keeps step 1's answer time the same whether or not an email went out: it tracks how long sending took lately
/// and makes the no-email answers wait about that long. Real time on purpose (not the injected TimeProvider): it
/// is about what an observer measures. In process memory; each instance learns its own average, which is enough.
/// </summary>
public sealed class SendDurationEqualizer
{
    // Before the first email of this process there is nothing to learn from: a quick hand-over to a mail server.
    private const double FirstGuessMilliseconds = 250;

    private readonly Lock _lock = new();
    private double _averageMilliseconds;
    private bool _learned;

    public void Record(TimeSpan duration)
    {
        lock (_lock)
        {
            _averageMilliseconds = _learned
                ? _averageMilliseconds * 0.8 + duration.TotalMilliseconds * 0.2
                : duration.TotalMilliseconds;
            _learned = true;
        }
    }

    public TimeSpan Typical
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromMilliseconds(_learned ? _averageMilliseconds : FirstGuessMilliseconds);
            }
        }
    }

    public async Task WaitAsync(long startedTimestamp, CancellationToken cancellationToken)
    {
        var remaining = Typical - Stopwatch.GetElapsedTime(startedTimestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }
}
