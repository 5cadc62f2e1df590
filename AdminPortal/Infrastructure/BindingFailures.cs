using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A value that cannot be bound (a checkbox posted as "yes", a number that is not one) is a field error like any
/// other, on every page: the message says which field without echoing what was sent, and the form renders again
/// with everything else that was typed.
/// </summary>
public static class BindingFailures
{
    public static IServiceCollection AddBindingFailuresAsFieldErrors(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();
        services.Configure<MvcOptions>(options => options.ModelBinderProviders.Insert(0, new BooleanBinderProvider()));
        return services;
    }

    private sealed class LocalizedBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
    {
        public void Configure(MvcOptions options)
        {
            var localizer = factory.Create(typeof(SharedResource));
            string Field(string name) => localizer["The value entered for {0} is not valid.", name];
            string NoField() => localizer["The value entered is not valid."];
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((_, name) => Field(name));
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => NoField());
            messages.SetUnknownValueIsInvalidAccessor(Field);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(NoField);
            messages.SetValueIsInvalidAccessor(_ => NoField());
            messages.SetValueMustBeANumberAccessor(name => localizer["{0} must be a number.", name]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => localizer["The value must be a number."]);
            messages.SetValueMustNotBeNullAccessor(_ => NoField());
            messages.SetMissingBindRequiredValueAccessor(name => localizer["A value for {0} is required.", name]);
            messages.SetMissingKeyOrValueAccessor(() => localizer["A value is required."]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => localizer["A value is required."]);
        }
    }

    /// <summary>
    /// Binds bool and bool? as usual, but when the posted value is not a boolean it also drops the raw value from the
    /// model state: the checkbox tag helper converts that raw value to bool to decide "checked", and an unconvertible
    /// one ("yes", "on") would throw while rendering the form with its field error. The checkbox then shows its model
    /// value. Every other tag helper reads the raw value as text, which never fails.
    /// </summary>
    private sealed class BooleanBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            return type == typeof(bool)
                ? new BooleanBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
        }
    }

    private sealed class BooleanBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (!bindingContext.Result.IsModelSet
                && bindingContext.ModelState.TryGetValue(bindingContext.ModelName, out var entry)
                && entry.Errors.Count > 0)
            {
                entry.RawValue = null;
            }
        }
    }
}
