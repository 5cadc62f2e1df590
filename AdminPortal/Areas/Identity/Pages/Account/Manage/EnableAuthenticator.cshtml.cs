using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Sessions;
using AdminPortal.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace AdminPortal.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Sets up an authenticator app, or replaces its key: a new key as a QR code (an inline SVG drawn here) and in groups of
/// four, confirmed with a code from the app (and, to replace a key, the current password) before anything is stored.
/// </summary>
public class EnableAuthenticatorModel(TwoFactorService twoFactor, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public AuthenticatorSetup Setup { get; private set; } = null!;
    public string QrCodeSvg { get; private set; } = "";
    public bool Replacing { get; private set; }
    public bool Required { get; private set; }

    public class InputModel
    {
        public string? SetupKey { get; set; }

        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        [StringLength(12, ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        [Display(Name = "Code from the app")]
        public string Code { get; set; } = "";

        [StringLength(PasswordLengthValidator.MaxLength, ErrorMessage = "The password must be at most {1} characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string? CurrentPassword { get; set; }
    }

    public async Task OnGetAsync()
    {
        await PrepareAsync(null);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await PrepareAsync(Input.SetupKey);
        if (Replacing && string.IsNullOrEmpty(Input.CurrentPassword))
        {
            ModelState.AddModelError("Input.CurrentPassword", localizer["Enter your current password."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await twoFactor.ConfirmSetupAsync(HttpContext.GetCurrentAccount()!, Input.SetupKey, Input.Code,
            Input.CurrentPassword, HttpContext.GetCurrentSessionId());
        switch (result.Refusal)
        {
            case TwoFactorRefusal.None when result.RecoveryCodes is { } codes:
                RecoveryCodes = [.. codes];
                StatusMessage = localizer["Your authenticator app is set up."];
                return RedirectToPage("./ShowRecoveryCodes");
            case TwoFactorRefusal.None:
                StatusMessage = localizer["Your authenticator key was replaced. Your other sessions were signed out."];
                return RedirectToPage("./TwoFactorAuthentication");
            case TwoFactorRefusal.WrongPassword:
                ModelState.AddModelError("Input.CurrentPassword", localizer["The current password is not correct."]);
                break;
            case TwoFactorRefusal.SetupExpired:
                // A key this app did not make for this account: start again from a new one.
                await PrepareAsync(null);
                ModelState.AddModelError("", localizer["This set-up has expired. Scan the new code and try again."]);
                break;
            case TwoFactorRefusal.ChangedMeanwhile:
                ModelState.AddModelError("", localizer["Your account was changed meanwhile. Nothing was saved; try again."]);
                break;
            default:
                ModelState.AddModelError("Input.Code", localizer["That code is not correct. Check the time on your phone and enter the current code."]);
                break;
        }
        Input.Code = "";
        return Page();
    }

    private async Task PrepareAsync(string? protectedKey)
    {
        var account = HttpContext.GetCurrentAccount()!;
        var status = await twoFactor.StatusAsync(account);
        Replacing = status.Enabled;
        Required = status.Required && !status.Enabled;
        Setup = twoFactor.SetupFrom(account, protectedKey) ?? twoFactor.NewSetup(account);
        Input.SetupKey = Setup.ProtectedKey;
        ModelState.Remove("Input.SetupKey");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Setup.OtpAuthUri, QRCodeGenerator.ECCLevel.M);
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
    }
}
