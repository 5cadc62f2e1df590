using Microsoft.AspNetCore.Mvc.Filters;

namespace AdminPortal.Audit;

/// <summary>
/// The net under every page: a POST handler whose request saved changes to the database without staging or writing
/// an audit record is a bug. In Development and Testing it fails loudly (an exception, so the page's tests go red
/// the day the handler is written); anywhere else it writes a generic <see cref="AuditActions.Unaudited"/> record
/// naming the page and logs an error, because by then the change is committed and a user should not see a 500 for
/// a missing record — the record is what matters.
/// POSTs that save nothing (invalid input, a no-op edit) need no record; refused attempts are recorded by the
/// services that refuse them, and the POST-handler scenario test proves each handler writes its own record.
/// </summary>
public sealed class AuditRequiredPageFilter(IHostEnvironment environment, ILogger<AuditRequiredPageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }
        // Resolved before the handler runs, so it sees every SaveChanges of this request.
        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            return;
        }
        if (audit.SavedChanges.Count == 0 || audit.EntryCount > 0)
        {
            return;
        }

        var handler = $"{context.ActionDescriptor.AreaName}{context.ActionDescriptor.ViewEnginePath} {context.HandlerMethod?.Name ?? "(default)"}";
        var changed = string.Join(", ", audit.SavedChanges.Order(StringComparer.Ordinal));
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"POST handler {handler} saved changes to {changed} without an audit record. Call AuditLog.Add in the same unit of work.");
        }
        logger.LogError("POST handler {Handler} saved changes to {Entities} without an audit record; a generic record was written.", handler, changed);
        await audit.RecordAsync(AuditActions.Unaudited, reason: AuditReasons.With(AuditReasons.UnauditedWrite, handler, changed));
    }
}
