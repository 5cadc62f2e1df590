using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Email;

/// <summary>
/// The one way the app sends email: through MailKit to <c>Smtp:Host</c>, or, with no host configured, as an
/// <c>.eml</c> file in <c>Smtp:PickupDirectory</c> so the app works with no mail server.
/// </summary>
public sealed class EmailSender(IOptions<SmtpOptions> options, IHostEnvironment environment, TimeProvider time,
    ILogger<EmailSender> logger)
{
    private readonly SmtpOptions _options = options.Value;

    /// <exception cref="EmailDeliveryException">The message did not leave; the failure is already logged.</exception>
    public async Task SendAsync(EmailMessage email, CancellationToken cancellationToken = default)
    {
        var message = Build(email);
        if (_options.UsesPickupDirectory)
        {
            await WriteToPickupDirectoryAsync(message, cancellationToken);
        }
        else
        {
            await SendThroughSmtpAsync(message, cancellationToken);
        }
    }

    /// <summary>The pickup folder, relative paths resolved against the content root (not the shell's folder).</summary>
    public string PickupDirectory => Path.GetFullPath(_options.PickupDirectory, environment.ContentRootPath);

    private MimeMessage Build(EmailMessage email)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From)); // validated at start
        if (!MailboxAddress.TryParse(email.To, out var to))
        {
            // The account's address passed the form's check but is not one a mail server would take.
            logger.LogError("Could not send the email \"{Subject}\": the address {Recipient} is not valid.", email.Subject, email.To);
            throw new EmailDeliveryException("The recipient's address is not valid.");
        }
        message.To.Add(to);
        message.Subject = email.Subject;
        message.Date = time.GetUtcNow();
        message.Body = new BodyBuilder { HtmlBody = email.HtmlBody, TextBody = email.TextBody }.ToMessageBody();
        return message;
    }

    private async Task WriteToPickupDirectoryAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var path = Path.Combine(PickupDirectory,
            $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        try
        {
            Directory.CreateDirectory(PickupDirectory);
            await message.WriteToAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Could not write the email \"{Subject}\" to the pickup folder {Path}.", message.Subject, path);
            throw new EmailDeliveryException("The pickup folder could not be written.", e);
        }
        // The subject and the path only: the body holds the code, which never reaches a log.
        logger.LogInformation("No Smtp:Host is configured: the email \"{Subject}\" to {Recipient} was written to {Path}.",
            message.Subject, message.To.ToString(), path);
    }

    /// <summary>
    /// Whether an email could leave now, without sending one: connects and signs in to the SMTP server, then says
    /// goodbye (with a pickup folder, always). Lets an answer that sends nothing fail the same way as one that does.
    /// </summary>
    /// <exception cref="EmailDeliveryException">The server cannot be reached or refuses; the failure is already logged.</exception>
    public async Task CheckReachableAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.UsesPickupDirectory)
        {
            await WithSmtpServerAsync("(a check that email can leave)", (_, _) => Task.CompletedTask, cancellationToken);
        }
    }

    private async Task SendThroughSmtpAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await WithSmtpServerAsync(message.Subject, (client, token) => client.SendAsync(message, token), cancellationToken);
        logger.LogInformation("Sent the email \"{Subject}\" to {Recipient} through {Host}:{Port}.",
            message.Subject, message.To.ToString(), _options.Host, _options.EffectivePort);
    }

    private async Task WithSmtpServerAsync(string? subject, Func<SmtpClient, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_options.Host!, _options.EffectivePort, _options.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken);
            }
            await work(client, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is SocketException or IOException
                                      or TimeoutException or OperationCanceledException or SmtpCommandException
                                      or SmtpProtocolException or AuthenticationException or SslHandshakeException
                                      or ServiceNotConnectedException or ServiceNotAuthenticatedException)
        {
            logger.LogError(e, "Could not send the email \"{Subject}\" through {Host}:{Port}.",
                subject, _options.Host, _options.EffectivePort);
            throw new EmailDeliveryException("The SMTP server could not be reached or refused the message.", e);
        }
    }
}
