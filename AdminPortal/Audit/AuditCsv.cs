using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Audit;

/// <summary>
/// The audit log as CSV, written by CsvHelper with the user export's options (<see cref="Users.UserCsv"/>): RFC 4180
/// (comma separated, CRLF line ends, a field holding a comma, quote or line break quoted with its quotes doubled), with a
/// header row. A text cell starting with = + - @ (or a tab or CR) gets a leading apostrophe, and quotes, so a
/// spreadsheet never runs it as a formula (OWASP "CSV injection").
/// </summary>
public static class AuditCsv
{
    /// <summary>The header row in English: the localization keys of the header the reader gets in their language.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["Id", "At (UTC)", "Actor id", "Actor", "Action", "Target id", "Target", "Succeeded", "Reason", "Client address", "Changes"];

    /// <summary>One value as the export writes it (for the tests): quoted and neutralised as needed.</summary>
    internal static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Users.UserCsv.WriterOptions, leaveOpen: true))
        {
            csv.WriteRecord(value);
        }
        return Encoding.UTF8.GetString(buffer.ToArray())[..^2];
    }

    /// <summary>Writes rows as they come from the database (CsvHelper flushes its buffer as it fills), so memory stays flat.</summary>
    public static async Task WriteAsync(Stream body, IReadOnlyList<string> header, IAsyncEnumerable<AuditEntry> entries,
        CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, Users.UserCsv.WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. header]);
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            csv.WriteField(e.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(e.ActorId?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.ActorUserName);
            csv.WriteField(e.Action);
            csv.WriteField(e.TargetId?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.TargetUserName);
            csv.WriteField(e.Succeeded ? "true" : "false");
            csv.WriteField(e.Reason);
            csv.WriteField(e.ClientAddress);
            csv.WriteField(e.Changes);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
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
