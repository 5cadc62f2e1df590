using System.Globalization;
using AdminPortal.Audit;
using AdminPortal.Data;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Users;

/// <summary>One row of the user export: the list's columns as stored codes (role, status, language), times in UTC.</summary>
public sealed record UserExportRow(int Id, string UserName, string Email, string DisplayName, string Role, string Language,
    AccountStatus Status, bool SecondFactor, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>
/// The user list as CSV, written by CsvHelper (RFC 4180 quoting, CRLF, UTF-8). The header holds column codes, not
/// labels, so a file reads the same in any language and goes back in through the import (which takes the first five
/// columns and ignores the others). A text cell starting with = + - @, a tab or a CR gets a leading apostrophe (and
/// quotes), so a spreadsheet shows it as text and never runs it as a formula (OWASP "CSV injection").
/// </summary>
public static class UserCsv
{
    public const string UserName = "UserName";
    public const string Email = "Email";
    public const string DisplayName = "DisplayName";
    public const string Role = "Role";
    public const string Language = "Language";

    /// <summary>The columns the import needs, in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = [UserName, Email, DisplayName, Role];

    /// <summary>Columns of the export that the import accepts and ignores, so an exported file can be imported elsewhere.</summary>
    public static readonly IReadOnlyList<string> ExportOnlyColumns = ["Id", "Status", "SecondFactor", "CreatedAt", "LastSignInAt"];

    public static readonly IReadOnlyList<string> ExportHeader =
        ["Id", UserName, Email, DisplayName, Role, Language, "Status", "SecondFactor", "CreatedAt", "LastSignInAt"];

    internal static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Writes the rows as they come from the database (CsvHelper flushes its buffer as it fills), so memory stays flat.</summary>
    public static async Task<int> WriteAsync(Stream body, IAsyncEnumerable<UserExportRow> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, WriterOptions, leaveOpen: true);
        csv.WriteHeader([.. ExportHeader]);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.UserName);
            csv.WriteField(row.Email);
            csv.WriteField(row.DisplayName);
            csv.WriteField(row.Role);
            csv.WriteField(row.Language);
            csv.WriteField(row.Status.ToString());
            csv.WriteField(row.SecondFactor ? "yes" : "no");
            csv.WriteField(row.CreatedAt.ToString(UtcFormat, CultureInfo.InvariantCulture));
            csv.WriteField(row.LastSignInAt?.ToString(UtcFormat, CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
            count++;
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }
}

/// <summary>
/// Streams the user export as a download and then writes its one audit record (how many rows, which filters): the
/// count is known only at the end. An export the client abandons is recorded as not completed.
/// </summary>
public sealed class UserCsvResult(IAsyncEnumerable<UserExportRow> rows, string fileName, Func<int, string> auditReason) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        response.Headers.CacheControl = "no-store";
        var count = 0;
        var completed = false;
        try
        {
            count = await UserCsv.WriteAsync(response.Body, rows, http.RequestAborted);
            completed = true;
        }
        finally
        {
            await http.RequestServices.GetRequiredService<AuditLog>()
                .RecordAsync(AuditActions.UserExport, succeeded: completed, reason: auditReason(count), cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>The audit reason of an export of the list: the count, and its search and filters as in its address (q=…&amp;role=…).</summary>
    public static Func<int, string> ListReason(UserListQuery query)
    {
        var filters = string.Join("&", query.RouteValues().Where(v => v.Key is not ("page" or "size" or "sort") && v.Value is not null)
            .Select(v => $"{v.Key}={v.Value}"));
        return count => filters.Length == 0
            ? AuditReasons.With(AuditReasons.ExportAll, count)
            : AuditReasons.With(AuditReasons.Export, count, filters);
    }

    /// <summary>The audit reason of an export of the accounts checked on the list.</summary>
    public static string SelectedReason(int count) => AuditReasons.With(AuditReasons.ExportSelected, count);

    public static string FileName(TimeProvider time) =>
        $"users-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
}
