using MimeKit;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>The mail an app with no SMTP host wrote to its pickup folder (<c>{app.Directory}/mail</c>).</summary>
public static class PickupMail
{
    /// <summary>
    /// The one message to <paramref name="email"/>. Not "the newest": the app dates a message by its clock, which stands
    /// still in tests, and names the file by that time, so two messages written in one test cannot be told apart by
    /// date, name or write time (a flake seen in ValidationMessageTests). A test that sends two gives each an address of its own.
    /// </summary>
    public static MimeMessage OnlyMessageTo(AppFactory app, string email)
    {
        var folder = Path.Combine(app.Directory, "mail");
        var messages = (Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, email, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(messages.Count == 1, $"Expected one message to {email} in the pickup folder, found {messages.Count}.");
        return messages[0];
    }
}
