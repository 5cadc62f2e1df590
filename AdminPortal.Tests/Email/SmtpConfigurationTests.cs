using Microsoft.Extensions.Configuration;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Email;

/// <summary>Invalid configuration stops the app at start with a message naming the key (DESIGN.md).</summary>
public sealed class SmtpConfigurationTests
{
    [Theory]
    [InlineData("Smtp:Port", "70000", "Smtp:Port")]
    [InlineData("Smtp:Port", "twenty-five", "Smtp:Port")]
    [InlineData("Smtp:Security", "Carrier pigeon", "Smtp:Security")]
    [InlineData("Smtp:From", "not an address", "Smtp:From")]
    [InlineData("Smtp:UserName", "mailer", "Smtp:Password")]
    [InlineData("PasswordReset:MaxAttempts", "0", "PasswordReset:MaxAttempts")]
    [InlineData("PasswordReset:CodeLifetime", "00:00:10", "PasswordReset:CodeLifetime")]
    public async Task Invalid_settings_stop_the_start_naming_the_key(string key, string value, string named)
    {
        await using var app = new AppFactory().With(key, value);
        var failure = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(named, AllMessages(failure));
    }

    [Fact]
    public async Task A_complete_smtp_configuration_starts()
    {
        await using var app = new AppFactory()
            .With("Smtp:Host", "mail.example.com").With("Smtp:Port", "587").With("Smtp:Security", "StartTls")
            .With("Smtp:UserName", "mailer").With("Smtp:Password", "secret").With("Smtp:From", "AdminPortal <noreply@example.com>");
        using var browser = app.CreateBrowser();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void The_shipped_appsettings_hold_the_documented_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        var smtp = configuration.GetSection(AdminPortal.Email.SmtpOptions.Section).Get<AdminPortal.Email.SmtpOptions>()!;
        var reset = configuration.GetSection(AdminPortal.PasswordReset.PasswordResetOptions.Section).Get<AdminPortal.PasswordReset.PasswordResetOptions>()!;

        Assert.True(smtp.UsesPickupDirectory); // no host: the app runs with no mail server
        Assert.Equal("App_Data/mail", smtp.PickupDirectory);
        Assert.Equal(TimeSpan.FromSeconds(15), smtp.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(15), reset.CodeLifetime);
        Assert.Equal(5, reset.MaxAttempts);
        Assert.Equal("Data Source=App_Data/adminportal.db", configuration.GetConnectionString("AdminPortal"));
        Assert.Equal("root", configuration["AdminPortal:Root:UserName"]);
        Assert.Equal("", configuration["AdminPortal:Root:Password"]); // no secret in the repository
    }

    private static string AllMessages(Exception e) =>
        e.Message + (e is AggregateException aggregate ? string.Concat(aggregate.InnerExceptions.Select(AllMessages)) : "")
                  + (e.InnerException is { } inner ? AllMessages(inner) : "");
}
