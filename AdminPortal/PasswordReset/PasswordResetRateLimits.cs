using System.Globalization;
using System.Threading.RateLimiting;
using AdminPortal.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace AdminPortal.PasswordReset;

public enum ResetStep
{
    Email,
    Code,
}

/// <summary>
/// Steps 1 and 2 are limited per client address (ASP.NET Core rate-limiter policies on the pages) and per email.
/// The email is in the posted form (step 1) or in the wizard cookie (step 2), which a policy's synchronous
/// partitioner cannot read without blocking on the body, so the page asks <see cref="TryAcquire"/> after binding,
/// using the same System.Threading.RateLimiting limiters. Counters live in process memory: with several instances
/// each counts on its own (DESIGN.md "Instances").
/// </summary>
public sealed class PasswordResetRateLimits : IDisposable
{
    public const string EmailStepPolicy = "reset-email";
    public const string CodeStepPolicy = "reset-code";

    public const int EmailStepPerAddress = 10;
    public const int CodeStepPerAddress = 30;
    public const int EmailStepPerEmail = 5;
    public const int CodeStepPerEmail = 15;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> _emailStep = PerKey(EmailStepPerEmail);
    private readonly PartitionedRateLimiter<string> _codeStep = PerKey(CodeStepPerEmail);

    public static void AddPolicies(RateLimiterOptions options)
    {
        options.AddPolicy(EmailStepPolicy, context => PerAddress(context, EmailStepPerAddress));
        options.AddPolicy(CodeStepPolicy, context => PerAddress(context, CodeStepPerAddress));
    }

    /// <summary>Counts one attempt for this email; false (with when to retry) over the limit.</summary>
    public bool TryAcquire(ResetStep step, string email, out TimeSpan retryAfter)
    {
        var limiter = step == ResetStep.Email ? _emailStep : _codeStep;
        using var lease = limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return lease.IsAcquired;
    }

    /// <summary>429 with Retry-After; the status-code pages render /Error?code=429, which says when to retry.</summary>
    public static IActionResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose()
    {
        _emailStep.Dispose();
        _codeStep.Dispose();
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int limit) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(AccountServiceExtensions.ClientAddress(context), _ => Options(limit))
            : RateLimitPartition.GetNoLimiter("");

    private static PartitionedRateLimiter<string> PerKey(int limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => Options(limit)));

    private static FixedWindowRateLimiterOptions Options(int limit) => new()
    {
        PermitLimit = limit,
        Window = Window,
        QueueLimit = 0,
    };
}
