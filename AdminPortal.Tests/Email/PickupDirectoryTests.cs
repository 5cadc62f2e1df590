using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using MimeKit;
using static AdminPortal.Tests.PasswordReset.ResetWizardSteps;

namespace AdminPortal.Tests.Email;

/// <summary>With no Smtp:Host (the embedded default) every message is an .eml file in the pickup folder.</summary>
public sealed class PickupDirectoryTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateUserAsync("alice", Roles.Employee, "alice-password", email: "alice@example.com");

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_reset_writes_one_eml_file_with_the_code_and_logs_where_but_not_the_code()
    {
        using var browser = _app.CreateBrowser();
        Assert.Equal(Step2, (await browser.RequestCodeAsync("alice@example.com")).Location());

        var folder = Path.Combine(_app.Directory, "mail");
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("alice@example.com", Assert.Single(message.To.Mailboxes).Address);
        var code = CodeIn(message);

        var line = Assert.Single(_app.Logs, l => l.Message.Contains(file, StringComparison.Ordinal));
        Assert.Contains("No Smtp:Host is configured", line.Message);
        Assert.DoesNotContain(_app.Logs, l => l.Message.Contains(code, StringComparison.Ordinal));

        // The code from the file works like one from a mailbox.
        Assert.Equal(Step3, (await browser.EnterCodeAsync(code)).Location());
    }

    [Fact]
    public async Task A_relative_pickup_folder_is_under_the_content_root()
    {
        await using var app = new AppFactory().With("Smtp:PickupDirectory", "App_Data/mail");
        await app.WithServicesAsync(services =>
        {
            var sender = (AdminPortal.Email.EmailSender)services.GetService(typeof(AdminPortal.Email.EmailSender))!;
            var environment = (Microsoft.Extensions.Hosting.IHostEnvironment)services.GetService(typeof(Microsoft.Extensions.Hosting.IHostEnvironment))!;
            Assert.Equal(Path.Combine(environment.ContentRootPath, "App_Data", "mail"), sender.PickupDirectory);
            return Task.CompletedTask;
        });
    }
}
