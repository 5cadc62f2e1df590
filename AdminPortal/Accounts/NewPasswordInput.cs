using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Accounts;

/// <summary>
/// A new password typed twice, as the reset wizard's last step and the invitation page ask for it: the same rules and
/// messages on both.
/// </summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(PasswordLengthValidator.MaxLength, MinimumLength = PasswordLengthValidator.MinLength,
        ErrorMessage = "The password must be {2}–{1} characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter the new password again.")]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm new password")]
    [Compare(nameof(NewPassword), ErrorMessage = "The new password and its confirmation do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
