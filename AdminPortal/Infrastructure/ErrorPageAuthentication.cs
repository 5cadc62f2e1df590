using Microsoft.AspNetCore.Diagnostics;

namespace AdminPortal.Infrastructure;

public static class ErrorPageAuthentication
{
    // What UseAuthentication sets on the builder it is called on; without it on the app's own builder, WebApplication
    // adds a second authentication at the very start of the pipeline, before the exception handler.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Authentication, except while the exception handler renders the error page: the session is read from the
    /// database, so with the database gone (the usual cause of that error) reading it again would throw again, and the
    /// client would get an empty 500 instead of the page. The error page needs no account (it is anonymous), and the
    /// next request, once the database is back, finds the session as it was. DatabaseOutageTests covers it.
    /// </summary>
    public static IApplicationBuilder UseAuthenticationExceptOnTheErrorPage(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Features.Get<IExceptionHandlerFeature>() is null, branch => branch.UseAuthentication());
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app;
    }
}
