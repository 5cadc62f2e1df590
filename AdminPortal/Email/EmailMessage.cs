namespace AdminPortal.Email;

/// <summary>One message ready to send: a subject and the same content as HTML and as plain text.</summary>
public sealed record EmailMessage(string To, string Subject, string HtmlBody, string TextBody);
