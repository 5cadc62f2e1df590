using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using AdminPortal.Accounts;
using AdminPortal.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Pages.Users;

/// <summary>
/// "Import": a CSV file is uploaded and previewed (every row's result, nothing written), then one POST creates the new
/// rows as invitations. The preview hands the file back to the browser in a hidden field sealed with Data Protection
/// (its keys live in the shared database, so any instance opens it), bound to the administrator and a lifetime; the
/// confirmation opens it and judges every row again, trusting nothing the preview said.
/// </summary>
[ImportRequestLimit]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public class ImportModel(ImportFile importFile, UserAdministrationService users, IDataProtectionProvider dataProtection, TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The largest request the page reads: the file (<see cref="ImportFile.MaxBytes"/>) with room for the form around it.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(1);

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<ImportRowResult>? Preview { get; private set; }

    /// <summary>The file, compressed and sealed, for the confirmation.</summary>
    public string? Sealed { get; private set; }

    public string? FileName { get; private set; }

    public int NewCount => Preview?.Count(r => r.Outcome == ImportOutcome.New) ?? 0;

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            ModelState.AddModelError("file", localizer["Choose a CSV file to import."]);
            return Page();
        }
        if (await ReadAsync(file, cancellationToken) is not { } bytes)
        {
            return Page();
        }
        FileName = Path.GetFileName(file.FileName);
        if (!await PreviewAsync(bytes, cancellationToken))
        {
            return Page();
        }
        Sealed = Seal(bytes);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync([FromForm(Name = "sealed")] string? sealedFile, CancellationToken cancellationToken)
    {
        if (Unseal(sealedFile) is not { } bytes)
        {
            ModelState.AddModelError("", localizer["This preview has expired or is not valid. Upload the file again."]);
            return Page();
        }
        if (!await PreviewAsync(bytes, cancellationToken))
        {
            return Page();
        }
        var accounts = Preview!.Where(r => r.Outcome == ImportOutcome.New).Select(r => r.Account).ToList();
        if (accounts.Count == 0)
        {
            ModelState.AddModelError("", localizer["No row of this file can be imported now. Nothing was created."]);
            return Page();
        }
        var result = await users.ImportAsync(HttpContext.GetCurrentAccount()!, accounts, cancellationToken);
        return RedirectToPage("ImportResult", new { batch = result.BatchId, skipped = Preview!.Count - accounts.Count });
    }

    private async Task<byte[]?> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > ImportFile.MaxBytes)
        {
            ModelState.AddModelError("file", localizer["The file is larger than {0}. Split it into smaller files.", "1 MB"]);
            return null;
        }
        if (file.Length == 0)
        {
            ModelState.AddModelError("file", localizer["The file is empty."]);
            return null;
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Reads and judges the file; false (with the message at the file field) when the file is refused as a whole.</summary>
    private async Task<bool> PreviewAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var (rows, error) = importFile.Read(bytes);
        if (error is not null)
        {
            ModelState.AddModelError("file", error);
            return false;
        }
        Preview = await importFile.CheckAsync(HttpContext.GetCurrentAccount()!, rows, cancellationToken);
        return true;
    }

    private IDataProtector Protector => dataProtection.CreateProtector("AdminPortal.Users.Import.v1");

    // expiry (8 bytes, UTC ticks) | administrator's id (4 bytes) | the file, Brotli-compressed
    private string Seal(byte[] file)
    {
        using var payload = new MemoryStream();
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteInt64LittleEndian(head, (time.GetUtcNow() + PreviewLifetime).UtcTicks);
        BinaryPrimitives.WriteInt32LittleEndian(head[8..], HttpContext.GetCurrentAccount()!.Id);
        payload.Write(head);
        using (var brotli = new BrotliStream(payload, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(file);
        }
        return WebEncoders.Base64UrlEncode(Protector.Protect(payload.ToArray()));
    }

    private byte[]? Unseal(string? sealedFile)
    {
        if (string.IsNullOrEmpty(sealedFile) || sealedFile.Length > MaxRequestBytes)
        {
            return null;
        }
        byte[] payload;
        try
        {
            payload = Protector.Unprotect(WebEncoders.Base64UrlDecode(sealedFile));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        if (payload.Length < 12
            || BinaryPrimitives.ReadInt64LittleEndian(payload) < time.GetUtcNow().UtcTicks
            || BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(8)) != HttpContext.GetCurrentAccount()!.Id)
        {
            return null;
        }
        using var brotli = new BrotliStream(new MemoryStream(payload, 12, payload.Length - 12), CompressionMode.Decompress);
        using var file = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = brotli.Read(chunk)) > 0)
        {
            if (file.Length + read > ImportFile.MaxBytes)
            {
                return null;
            }
            file.Write(chunk, 0, read);
        }
        return file.ToArray();
    }
}

/// <summary>
/// Refuses an upload larger than <see cref="ImportModel.MaxRequestBytes"/> from its Content-Length, before anything reads
/// the body (the antiforgery check, which runs after this, reads the whole form): the administrator is sent back to the
/// page with the limit in words instead of a 400 or a 413, and nothing of the body is read or stored.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportRequestLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || http.Request.ContentLength is not > ImportModel.MaxRequestBytes)
        {
            return;
        }
        var localizer = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData["StatusMessage"] = localizer["Error: {0}", localizer["The file is larger than {0}. Split it into smaller files.", "1 MB"]].Value;
        tempData.Save();
        context.Result = new RedirectToPageResult("/Users/Import");
    }
}
