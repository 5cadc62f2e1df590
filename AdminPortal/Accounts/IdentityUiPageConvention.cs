using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace AdminPortal.Accounts;

/// <summary>
/// Default-deny for the Identity UI package's own pages: the app replaces the ones it uses, and every other one
/// (Register, external logins, personal data deletion, the link-based reset, two-factor set-up …) answers 404,
/// because each would bypass a rule of DESIGN.md.
/// </summary>
public sealed class IdentityUiPageConvention : IPageApplicationModelConvention
{
    private static readonly HashSet<string> KeptPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/AccessDenied",
        "/Account/Lockout",
    };

    public void Apply(PageApplicationModel model)
    {
        if (model.HandlerType.Assembly == typeof(Microsoft.AspNetCore.Identity.UI.UIFrameworkAttribute).Assembly
            && !KeptPages.Contains(model.ViewEnginePath))
        {
            model.Filters.Add(new NotFoundFilter());
        }
    }

    private sealed class NotFoundFilter : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context) => context.Result = new NotFoundResult();

        public void OnResourceExecuted(ResourceExecutedContext context) { }
    }
}
