using System.ComponentModel.DataAnnotations;
using AdminPortal.Accounts;
using AdminPortal.Data;

namespace AdminPortal.Pages.Users;

/// <summary>The account fields shared by the create and edit forms, with DESIGN.md's limits.</summary>
public class AccountFieldsInput
{
    [Required(ErrorMessage = "Enter a user name.")]
    [StringLength(AppUser.UserNameMaxLength, MinimumLength = AppUser.UserNameMinLength, ErrorMessage = "The user name must be 3–30 characters.")]
    [RegularExpression(AppUser.UserNamePattern, ErrorMessage = "Use only letters, digits, dots, underscores and hyphens.")]
    [Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Enter an email address.")]
    [StringLength(AppUser.EmailMaxLength, ErrorMessage = "The email must be at most 100 characters.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [PlainEmail]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter a display name.")]
    [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "The display name must be at most 120 characters.")]
    [PlainText]
    [Display(Name = "Display name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a role.")]
    [Display(Name = "Role")]
    public string Role { get; set; } = Roles.Employee;
}
