using Microsoft.Extensions.Options;

namespace AdminPortal.Invitations;

/// <summary>The <c>AdminPortal:InvitationLifetime</c> setting (DESIGN.md "Configuration") and the origin links point at.</summary>
public sealed class InvitationOptions
{
    public const string Section = "AdminPortal";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The origin users reach (<c>https://portal.example.com</c>); empty: the request's.</summary>
    public string? PublicOrigin { get; set; }
}

public sealed class InvitationOptionsValidator : IValidateOptions<InvitationOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationOptions options)
    {
        var failures = new List<string>();
        if (options.InvitationLifetime < TimeSpan.FromHours(1) || options.InvitationLifetime > TimeSpan.FromDays(90))
        {
            failures.Add($"{InvitationOptions.Section}:InvitationLifetime must be between 01:00:00 and 90.00:00:00.");
        }
        if (!string.IsNullOrEmpty(options.PublicOrigin)
            && !(Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out var origin) && origin.Scheme is "https" or "http"
                 && origin.AbsolutePath == "/" && string.IsNullOrEmpty(origin.Query)))
        {
            failures.Add($"{InvitationOptions.Section}:PublicOrigin must be an origin such as https://portal.example.com.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
