using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Audit;

/// <summary>
/// The audit log as CSV (RFC 4180: comma separated, CRLF line ends, a field holding a comma, quote or line break is
/// quoted with its quotes doubled), with a header row. A text cell starting with = + - @ (or a tab or CR) gets a
/// leading apostrophe so a spreadsheet never runs it as a formula (OWASP "CSV injection").
/// </summary>
public static class AuditCsv
{
    /// <summary>The header row in English: the localization keys of the header the reader gets in their language.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["Id", "At (UTC)", "Actor id", "Actor", "Action", "Target id", "Target", "Succeeded", "Reason", "Client address", "Changes"];

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    public static string Row(AuditEntry e) => string.Join(",",
        e.Id.ToString(CultureInfo.InvariantCulture),
        e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        e.ActorId?.ToString(CultureInfo.InvariantCulture) ?? "",
        Field(e.ActorUserName),
        Field(e.Action),
        e.TargetId?.ToString(CultureInfo.InvariantCulture) ?? "",
        Field(e.TargetUserName),
        e.Succeeded ? "true" : "false",
        Field(e.Reason),
        Field(e.ClientAddress),
        Field(e.Changes));

    /// <summary>Writes rows as they come from the database, flushing every few hundred, so memory stays flat.</summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<string> header, IAsyncEnumerable<AuditEntry> entries,
        CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(",", header.Select(Field)));
        var count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Row(entry));
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
    }
}

/// <summary>
/// Streams the audit log as a CSV download: the header row in the reader's language, the rows as stored (action
/// and reason codes, UTC times, invariant numbers), so a spreadsheet or a script reads them the same in any language.
/// </summary>
public sealed class AuditCsvResult(IAsyncEnumerable<AuditEntry> entries, string fileName, IReadOnlyList<string> header) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
        await AuditCsv.WriteAsync(response.Body, header, entries, context.HttpContext.RequestAborted);
    }
}
