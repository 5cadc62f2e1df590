namespace AdminPortal.Email;

/// <summary>
/// The message did not leave: the SMTP server was unreachable, timed out, refused the sender, a recipient or the
/// credentials, or the pickup folder could not be written. Callers show "try again in a few minutes".
/// </summary>
public sealed class EmailDeliveryException(string message, Exception innerException) : Exception(message, innerException);
