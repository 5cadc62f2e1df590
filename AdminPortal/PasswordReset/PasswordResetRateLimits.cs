using AdminPortal.Limits;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.PasswordReset;

public enum ResetStep
{
    Email,
    Code,
}

/// <summary>
/// Steps 1 and 2 are limited per client address (<see cref="SharedRateLimitAttribute"/> on the pages) and per email.
/// The email is in the posted form (step 1) or in the wizard cookie (step 2), so the page asks <see cref="TryAcquireAsync"/>
/// after binding. Both counts are shared by every instance (<see cref="SharedCounters"/>).
/// </summary>
public sealed class PasswordResetRateLimits(SharedRateLimiter limiter)
{
    public const string EmailStepPolicy = "reset-email";
    public const string CodeStepPolicy = "reset-code";

    public const int EmailStepPerAddress = 10;
    public const int CodeStepPerAddress = 30;
    public const int EmailStepPerEmail = 5;
    public const int CodeStepPerEmail = 15;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly RateLimitRule EmailStepAddressRule = new(EmailStepPolicy, EmailStepPerAddress, Window);
    public static readonly RateLimitRule CodeStepAddressRule = new(CodeStepPolicy, CodeStepPerAddress, Window);
    private static readonly RateLimitRule EmailStepEmailRule = new("reset-email-per-email", EmailStepPerEmail, Window);
    private static readonly RateLimitRule CodeStepEmailRule = new("reset-code-per-email", CodeStepPerEmail, Window);

    /// <summary>Counts one attempt for this email; not allowed (with when to retry) over the limit.</summary>
    public Task<RateLimitDecision> TryAcquireAsync(ResetStep step, string email, CancellationToken cancellationToken) =>
        limiter.TryAcquireAsync(step == ResetStep.Email ? EmailStepEmailRule : CodeStepEmailRule,
            email.Trim().ToUpperInvariant(), cancellationToken);

    /// <summary>429 with Retry-After; the status-code pages render /Error?code=429, which says when to retry.</summary>
    public static IActionResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        SharedRateLimiter.Refuse(context.Response, retryAfter);
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }
}
