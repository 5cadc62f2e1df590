using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A value that cannot be bound (a checkbox posted as "yes", a number that is not one) is a field error like any
/// other, on every page: the message (<see cref="AdminPortal.Localization.ModelBindingMessages"/>) says which field
/// without echoing what was sent, and the form renders again with everything else that was typed.
/// </summary>
public static class BindingFailures
{
    public static IServiceCollection AddBindingFailuresAsFieldErrors(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(options => options.ModelBinderProviders.Insert(0, new BooleanBinderProvider()));
        return services;
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
