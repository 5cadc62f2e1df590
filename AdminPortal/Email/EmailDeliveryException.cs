namespace AdminPortal.Email;

/// <summary>
/// The message did not leave: the SMTP server was unreachable, timed out, refused the sender, a recipient or the
/// credentials, the recipient's address is not one a mail server would take, or the pickup folder could not be
/// written. Callers show "try again in a few minutes".
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException(string message) : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
