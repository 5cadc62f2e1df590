using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Localization;

/// <summary>Model binding's own messages (a date that is not a date, a number that is not a number) through the resources.</summary>
public static class ModelBindingMessages
{
    public const string ValueInvalidForField = "The value '{0}' is not valid for {1}.";
    public const string ValueInvalid = "The value '{0}' is not valid.";
    public const string ValueRequired = "A value is required.";
    public const string ValueMissingForField = "A value for '{0}' was not provided.";
    public const string BodyRequired = "A non-empty request body is required.";
    public const string SuppliedValueInvalid = "The supplied value is invalid.";
    public const string SuppliedValueInvalidForField = "The supplied value is invalid for {0}.";
    public const string MustBeNumberForField = "The field {0} must be a number.";
    public const string MustBeNumber = "The field must be a number.";

    /// <summary>The message of the implicit [Required] that MVC gives a non-nullable property without one.</summary>
    public const string FieldRequired = "The {0} field is required.";

    public static void Localize(DefaultModelBindingMessageProvider messages, IStringLocalizer localizer)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => localizer[ValueInvalidForField, value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => localizer[ValueMissingForField, field]);
        messages.SetMissingKeyOrValueAccessor(() => localizer[ValueRequired]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer[BodyRequired]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => localizer[ValueInvalid, value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => localizer[SuppliedValueInvalid]);
        messages.SetUnknownValueIsInvalidAccessor(field => localizer[SuppliedValueInvalidForField, field]);
        messages.SetValueIsInvalidAccessor(value => localizer[ValueInvalid, value]);
        messages.SetValueMustBeANumberAccessor(field => localizer[MustBeNumberForField, field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer[MustBeNumber]);
        messages.SetValueMustNotBeNullAccessor(value => localizer[ValueInvalid, value]);
    }
}

/// <summary>
/// Gives a validation attribute without its own message (MVC's implicit [Required] on a non-nullable property) a
/// message key, so the data annotations localizer translates it instead of showing .NET's English default.
/// </summary>
public sealed class DefaultValidationMessageProvider : IValidationMetadataProvider
{
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
        {
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null)
            {
                required.ErrorMessage = ModelBindingMessages.FieldRequired;
            }
        }
    }
}
