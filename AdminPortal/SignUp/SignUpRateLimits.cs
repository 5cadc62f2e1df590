using AdminPortal.Limits;
using AdminPortal.PasswordReset;

namespace AdminPortal.SignUp;

/// <summary>
/// "Request an account" is limited like the reset wizard's first step: per client address (<see cref="SharedRateLimitAttribute"/>
/// on the page, every POST counted) and per email typed (asked by the page after binding), both in the shared counters.
/// </summary>
public sealed class SignUpRateLimits(SharedRateLimiter limiter)
{
    public const string Policy = "signup";
    public const int PerAddress = 10;
    public const int PerEmail = 5;
    public static readonly TimeSpan Window = PasswordResetRateLimits.Window;

    public static readonly RateLimitRule AddressRule = new(Policy, PerAddress, Window);
    private static readonly RateLimitRule EmailRule = new("signup-per-email", PerEmail, Window);

    public Task<RateLimitDecision> TryAcquireAsync(string email, CancellationToken cancellationToken) =>
        limiter.TryAcquireAsync(EmailRule, email.Trim().ToUpperInvariant(), cancellationToken);
}

/// <summary>
/// How long a request that creates an account takes on this instance, so one for a taken name or email (which creates
/// nothing) lasts as long (<see cref="SendDurationEqualizer"/>'s method, with durations of its own).
/// </summary>
public sealed class SignUpTiming
{
    public SendDurationEqualizer Equalizer { get; } = new();
}

public static class SignUpExtensions
{
    public static IServiceCollection AddSignUp(this IServiceCollection services)
    {
        services.AddOptions<SelfRegistrationOptions>().BindConfiguration(SelfRegistrationOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SelfRegistrationOptions>, SelfRegistrationOptionsValidator>();
        services.AddScoped<SignUpRateLimits>();
        services.AddSingleton<SignUpTiming>();
        services.AddSharedRateLimit(SignUpRateLimits.AddressRule);
        return services;
    }
}
