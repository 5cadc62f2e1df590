using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace AdminPortal.Localization;

/// <summary>
/// Model binding's own messages (a checkbox posted as "yes", a date that is not a date, a number that is not a
/// number) through the resources. Each names the field without echoing what was sent.
/// </summary>
public static class ModelBindingMessages
{
    public const string FieldInvalid = "The value entered for {0} is not valid.";
    public const string ValueInvalid = "The value entered is not valid.";
    public const string FieldMustBeNumber = "{0} must be a number.";
    public const string MustBeNumber = "The value must be a number.";
    public const string FieldMissing = "A value for {0} is required.";
    public const string ValueMissing = "A value is required.";

    /// <summary>
    /// The message of the implicit [Required] that MVC gives a non-nullable property without one (not .NET's "The {0}
    /// field is required.", which issue 14 names as the framework text that must never show).
    /// </summary>
    public const string FieldRequired = "{0} is required.";

    public static void Localize(DefaultModelBindingMessageProvider messages, IStringLocalizer localizer)
    {
        string Field(string name) => localizer[FieldInvalid, name];
        string NoField() => localizer[ValueInvalid];
        messages.SetAttemptedValueIsInvalidAccessor((_, name) => Field(name));
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => NoField());
        messages.SetUnknownValueIsInvalidAccessor(Field);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(NoField);
        messages.SetValueIsInvalidAccessor(_ => NoField());
        messages.SetValueMustBeANumberAccessor(name => localizer[FieldMustBeNumber, name]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer[MustBeNumber]);
        messages.SetValueMustNotBeNullAccessor(_ => NoField());
        messages.SetMissingBindRequiredValueAccessor(name => localizer[FieldMissing, name]);
        messages.SetMissingKeyOrValueAccessor(() => localizer[ValueMissing]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer[ValueMissing]);
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
        // A non-nullable value type (a bool, an enum) is required without any attribute, and the client-side validator
        // provider then makes a RequiredAttribute of its own with .NET's English message for its data-val-required.
        // Giving it one here, with the app's message, makes that attribute the one the client side uses.
        var type = context.Key.ModelType;
        if (context.Key.MetadataKind == ModelMetadataKind.Property && type.IsValueType && Nullable.GetUnderlyingType(type) is null
            && !context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>().Any())
        {
            context.ValidationMetadata.ValidatorMetadata.Add(new RequiredAttribute());
        }
        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
        {
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null)
            {
                required.ErrorMessage = ModelBindingMessages.FieldRequired;
            }
        }
    }
}
