using MimeKit;
using Microsoft.Extensions.Options;

namespace AdminPortal.Email;

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Smtp:*</c> settings (DESIGN.md "Configuration"). No host: messages go to the pickup folder.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";
    public const string DefaultPickupDirectory = "App_Data/mail";

    public string? Host { get; set; }

    /// <summary>Empty: 465 for SslOnConnect, 587 for StartTls, 25 otherwise.</summary>
    public int? Port { get; set; }
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "AdminPortal <noreply@localhost>";
    public string PickupDirectory { get; set; } = DefaultPickupDirectory;

    /// <summary>How long one SMTP exchange may take before it counts as "the server is down".</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool UsesPickupDirectory => string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}

/// <summary>Names the configuration key in every failure, so a bad setting is found at start.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{SmtpOptions.Section}:Port must be between 1 and 65535.");
        }
        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"{SmtpOptions.Section}:Security must be None, StartTls or SslOnConnect.");
        }
        if (!MailboxAddress.TryParse(options.From ?? "", out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"{SmtpOptions.Section}:From must be an email address, optionally with a name (\"AdminPortal <noreply@example.com>\").");
        }
        if (!string.IsNullOrEmpty(options.UserName) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{SmtpOptions.Section}:Password is required when {SmtpOptions.Section}:UserName is set.");
        }
        if (options.UsesPickupDirectory && string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            failures.Add($"{SmtpOptions.Section}:PickupDirectory must be a folder when {SmtpOptions.Section}:Host is empty.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{SmtpOptions.Section}:Timeout must be between 00:00:01 and 00:05:00.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
