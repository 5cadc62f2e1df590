using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminPortal.Infrastructure;

/// <summary>
/// A request no page handler answers is refused like an unknown route, on every page, before the page renders a
/// model its handler never filled: a method the page has no handler for is a 405 (with Allow), a handler name it does
/// not have is a 404. A GET of a page written without any GET handler renders as before.
/// </summary>
public sealed class HandlerSelectionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is not null)
        {
            return next();
        }
        var method = context.HttpContext.Request.Method;
        var verb = HttpMethods.IsHead(method) ? HttpMethods.Get : method;
        var handlers = context.ActionDescriptor.HandlerMethods;
        var forVerb = handlers.Where(h => string.Equals(h.HttpMethod, verb, StringComparison.OrdinalIgnoreCase)).ToList();
        if (forVerb.Count > 0)
        {
            context.Result = new NotFoundResult();
        }
        else if (!HttpMethods.IsGet(verb))
        {
            context.HttpContext.Response.Headers.Allow = PageMethods.Allow;
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
        else
        {
            return next();
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Pages answer GET, HEAD and POST; anything else (OPTIONS, TRACE, PUT, DELETE …) is a 405 before authentication, so
/// an anonymous visitor gets the same answer as a signed-in one.
/// </summary>
public sealed class PageMethods(RequestDelegate next)
{
    public const string Allow = "GET, HEAD, POST";

    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsPost(method)
            || context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null)
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = Allow;
        return Task.CompletedTask;
    }
}
