using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace AdminPortal.Users;

public static class UserFormExtensions
{
    /// <summary>Puts a refused result's messages at the form's fields (<c>Input.X</c>), or in the summary.</summary>
    public static void AddResultErrors(this ModelStateDictionary modelState, UserAdministrationResult result, string prefix = "Input")
    {
        foreach (var error in result.FieldErrors)
        {
            modelState.AddModelError($"{prefix}.{error.Field}", error.Message);
        }
        if (result.FieldErrors.Count == 0 && result.Message is not null)
        {
            modelState.AddModelError("", result.Message);
        }
    }
}
