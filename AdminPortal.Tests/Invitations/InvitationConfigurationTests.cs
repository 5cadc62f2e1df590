using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Invitations;

/// <summary>AdminPortal:InvitationLifetime is validated at start like the other settings.</summary>
public sealed class InvitationConfigurationTests
{
    [Theory]
    [InlineData("AdminPortal:InvitationLifetime", "00:00:10")]
    [InlineData("AdminPortal:InvitationLifetime", "365.00:00:00")]
    [InlineData("AdminPortal:InvitationLifetime", "a week")]
    [InlineData("AdminPortal:PublicOrigin", "portal.example.com")]
    public async Task An_invalid_setting_stops_the_start_naming_the_key(string key, string value)
    {
        await using var app = new AppFactory().With(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(key, AllMessages(failure));
    }

    private static string AllMessages(Exception e) =>
        e.Message + (e is AggregateException aggregate ? string.Concat(aggregate.InnerExceptions.Select(AllMessages)) : "")
                  + (e.InnerException is { } inner ? AllMessages(inner) : "");
}
