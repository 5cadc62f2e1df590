using AdminPortal.PasswordReset;

namespace AdminPortal.Tests.PasswordReset;

public sealed class SendDurationEqualizerTests
{
    [Fact]
    public void Before_any_send_it_guesses()
    {
        Assert.Equal(SendDurationEqualizer.FirstGuess, new SendDurationEqualizer().Sample());
    }

    [Fact]
    public void It_draws_from_the_latest_sends_only()
    {
        var equalizer = new SendDurationEqualizer();
        for (var i = 0; i < 64; i++)
        {
            equalizer.Record(TimeSpan.FromMilliseconds(1000)); // pushed out by the 64 below
        }
        for (var i = 1; i <= 64; i++)
        {
            equalizer.Record(TimeSpan.FromMilliseconds(i));
        }

        var drawn = Enumerable.Range(0, 2000).Select(_ => equalizer.Sample().TotalMilliseconds).ToList();

        Assert.All(drawn, d => Assert.InRange(d, 1, 64));
        Assert.True(drawn.Distinct().Count() > 32, "the draws should spread over the remembered durations");
    }
}
