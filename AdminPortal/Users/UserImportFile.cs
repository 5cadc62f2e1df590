using System.Text;
using AdminPortal.Accounts;
using AdminPortal.Data;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Users;

public enum ImportOutcome
{
    New,
    Duplicate,
    Invalid,
}

/// <summary>One data row of an import file as typed (trimmed), with the line of the file it starts on.</summary>
public sealed record ImportRow(long Line, string UserName, string Email, string DisplayName, string Role, string? Language);

/// <summary>What the import would do with one row, and why not, in words.</summary>
public sealed record ImportRowResult(ImportRow Row, ImportOutcome Outcome, IReadOnlyList<string> Reasons)
{
    /// <summary>The row as the account it creates: the role as its code, an empty language as none.</summary>
    public NewAccount Account => ImportFile.AccountOf(Row);
}

/// <summary>
/// Reads an import file (UTF-8 CSV, comma or semicolon separated, a header naming the columns in any order) with
/// CsvHelper's strict reader, and judges each row. Anything wrong with the file as a whole (empty, not UTF-8, not CSV,
/// a wrong header, too many rows) is one message and no rows: nothing of such a file is imported.
/// </summary>
public sealed class ImportFile(UserAdministrationService users, ILookupNormalizer normalizer, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 1000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The rows of the file, or the reason the file is refused as a whole.</summary>
    public (IReadOnlyList<ImportRow> Rows, string? Error) Read(byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return ([], localizer["The file is larger than {0}. Split it into smaller files.", "1 MB"]);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ([], NotUtf8());
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return ([], NotUtf8()); // UTF-16 without a byte order mark is valid UTF-8 with a NUL in every other byte
        }
        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            return ([], localizer["The file is empty."]);
        }
        try
        {
            return ReadCsv(bytes);
        }
        catch (CsvFormatException e)
        {
            return ([], localizer["The file is not valid CSV: the quotes of record {0} do not match. Nothing was imported.", e.RecordNumber]);
        }
    }

    private (IReadOnlyList<ImportRow> Rows, string? Error) ReadCsv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with
        {
            MalformedData = CsvMalformedDataHandling.Throw,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
        });
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        var column = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var known = UserCsv.RequiredColumns.Append(UserCsv.Language).Concat(UserCsv.ExportOnlyColumns)
                .FirstOrDefault(c => string.Equals(c, headers[i], StringComparison.OrdinalIgnoreCase));
            if (known is null || !column.TryAdd(known, i))
            {
                unknown.Add(headers[i]);
            }
        }
        if (unknown.Count > 0 || UserCsv.RequiredColumns.Any(c => !column.ContainsKey(c)))
        {
            return ([], localizer["The first line must name the columns {0}, and may add {1}. This file's first line is: {2}",
                string.Join(", ", UserCsv.RequiredColumns), UserCsv.Language, Shorten(string.Join(", ", headers))]);
        }
        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            if (rows.Count == MaxRows)
            {
                return ([], localizer["The file has more than {0} rows. Split it into smaller files.", MaxRows.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
            }
            string Field(string name) => column.TryGetValue(name, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : "";
            var language = Field(UserCsv.Language);
            rows.Add(new ImportRow(csv.LineNumber, Field(UserCsv.UserName), Field(UserCsv.Email), Field(UserCsv.DisplayName),
                Field(UserCsv.Role), language.Length == 0 ? null : language));
        }
        if (rows.Count == 0)
        {
            return ([], localizer["The file has a header but no rows."]);
        }
        return (rows, null);
    }

    /// <summary>
    /// Each row's result, as creating it now would turn out: new, a duplicate (of an account, or of a row above it), or
    /// invalid, with the reasons. Nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<ImportRowResult>> CheckAsync(CurrentAccount actor, IReadOnlyList<ImportRow> rows,
        CancellationToken cancellationToken)
    {
        var userNames = new Dictionary<string, long>(StringComparer.Ordinal);
        var emails = new Dictionary<string, long>(StringComparer.Ordinal);
        var results = new List<ImportRowResult>(rows.Count);
        foreach (var row in rows)
        {
            var reasons = new List<string>();
            var name = normalizer.NormalizeName(row.UserName);
            var email = normalizer.NormalizeEmail(row.Email);
            if (row.UserName.Length > 0 && !userNames.TryAdd(name, row.Line))
            {
                reasons.Add(localizer["The same user name as line {0}.", userNames[name]]);
            }
            if (row.Email.Length > 0 && !emails.TryAdd(email, row.Line))
            {
                reasons.Add(localizer["The same email as line {0}.", emails[email]]);
            }
            if (reasons.Count > 0)
            {
                results.Add(new ImportRowResult(row, ImportOutcome.Duplicate, reasons));
                continue;
            }
            var check = await users.CheckNewAccountAsync(actor, AccountOf(row), cancellationToken);
            var outcome = check.Result.Succeeded ? ImportOutcome.New : check.Duplicate ? ImportOutcome.Duplicate : ImportOutcome.Invalid;
            results.Add(new ImportRowResult(row, outcome, [.. Reasons(check.Result)]));
        }
        return results;
    }

    internal static NewAccount AccountOf(ImportRow row) =>
        new(row.UserName, row.Email, row.DisplayName, null, Roles.All.FirstOrDefault(r => string.Equals(r, row.Role, StringComparison.OrdinalIgnoreCase)) ?? row.Role)
        {
            Language = row.Language is null ? null
                : Localization.AppLanguages.Codes.FirstOrDefault(c => string.Equals(c, row.Language, StringComparison.OrdinalIgnoreCase)) ?? row.Language,
        };

    private IEnumerable<string> Reasons(UserAdministrationResult result)
    {
        foreach (var error in result.FieldErrors)
        {
            yield return $"{localizer[FieldLabel(error.Field)]}: {error.Message}";
        }
        if (result.FieldErrors.Count == 0 && result.Message is not null)
        {
            yield return result.Message;
        }
    }

    private static string FieldLabel(string field) => field switch
    {
        UserFields.UserName => "User name",
        UserFields.DisplayName => "Display name",
        UserFields.Language => "Language",
        _ => field,
    };

    private string NotUtf8() => localizer["The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again."];

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
