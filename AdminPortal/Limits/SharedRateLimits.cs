using System.Globalization;
using AdminPortal.Accounts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Limits;

/// <summary>At most <see cref="Limit"/> hits per fixed window, counted by <see cref="SharedCounters"/> across instances.</summary>
public sealed record RateLimitRule(string Name, int Limit, TimeSpan Window);

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>Limits a page's POSTs per client address with the named rule (registered with <see cref="SharedRateLimitExtensions.AddSharedRateLimit"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedRateLimitAttribute(string rule) : Attribute
{
    public string Rule { get; } = rule;
}

public sealed class SharedRateLimitOptions
{
    public Dictionary<string, RateLimitRule> Rules { get; } = new(StringComparer.Ordinal);
}

/// <summary>Asks the shared counters whether one more hit fits a rule.</summary>
public sealed class SharedRateLimiter(SharedCounters counters, TimeProvider time)
{
    public async Task<RateLimitDecision> TryAcquireAsync(RateLimitRule rule, string subject, CancellationToken cancellationToken = default)
    {
        var hit = await counters.HitAsync(SharedCounters.Key(rule.Name, subject), rule.Window, cancellationToken);
        var retryAfter = hit.WindowEnd - time.GetUtcNow();
        return new RateLimitDecision(hit.Count <= rule.Limit, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1));
    }

    /// <summary>429 with Retry-After and no body: the status-code pages render /Error?code=429, which says when to retry.</summary>
    public static void Refuse(HttpResponse response, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Where the framework's rate limiter was: before authentication and antiforgery, so every POST to a limited page
/// counts, valid or not. The framework's limiter keeps its counts in process memory; this one shares them.
/// </summary>
public sealed class SharedRateLimitMiddleware(RequestDelegate next, IOptions<SharedRateLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context, SharedRateLimiter limiter)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.GetEndpoint()?.Metadata.GetMetadata<SharedRateLimitAttribute>() is { } limited)
        {
            var rule = options.Value.Rules[limited.Rule];
            var decision = await limiter.TryAcquireAsync(rule, AccountServiceExtensions.ClientAddress(context), context.RequestAborted);
            if (!decision.Allowed)
            {
                SharedRateLimiter.Refuse(context.Response, decision.RetryAfter);
                return;
            }
        }
        await next(context);
    }
}

public static class SharedRateLimitExtensions
{
    public static IServiceCollection AddSharedRateLimit(this IServiceCollection services, RateLimitRule rule)
    {
        services.TryAddScoped<SharedCounters>();
        services.TryAddScoped<SharedRateLimiter>();
        services.Configure<SharedRateLimitOptions>(options => options.Rules[rule.Name] = rule);
        return services;
    }

    public static IApplicationBuilder UseSharedRateLimits(this IApplicationBuilder app) =>
        app.UseMiddleware<SharedRateLimitMiddleware>();
}
