using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Api;

/// <summary>
/// The vendor picker (DESIGN.md): <c>GET /api/users/suggest?q=</c> for any signed-in user (the fallback policy; an
/// anonymous call gets 401 from the cookie events), at most 10 active vendor or admin accounts whose user name or
/// email contains q, ignoring case.
/// </summary>
public static class UserSuggestEndpoint
{
    public const string Path = "/api/users/suggest";
    public const int MaxQueryLength = 100;
    public const int MaxResults = 10;

    public sealed record Suggestion(int Id, string UserName, string Email, string DisplayName);

    public sealed record SuggestResponse(IReadOnlyList<Suggestion> Data);

    public static IEndpointRouteBuilder MapUserSuggestApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, SuggestAsync).WithName("UserSuggest");
        return endpoints;
    }

    internal static async Task<IResult> SuggestAsync(string? q, AppDbContext db, ILookupNormalizer normalizer, CancellationToken cancellationToken)
    {
        if (q is { Length: > MaxQueryLength })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "q is too long.",
                detail: $"q must be at most {MaxQueryLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(q))
        {
            return Results.Ok(new SuggestResponse([]));
        }
        // Identity's normalized columns are upper-cased; instr() on them is a case-insensitive substring match.
        var name = normalizer.NormalizeName(q.Trim());
        var email = normalizer.NormalizeEmail(q.Trim());
        var data = await db.Users.AsNoTracking()
            .Where(u => u.Status == AccountStatus.Active && (u.Role == Roles.Vendor || u.Role == Roles.Admin))
            .Where(u => u.NormalizedUserName!.Contains(name) || u.NormalizedEmail!.Contains(email))
            .OrderBy(u => u.UserName)
            .Take(MaxResults)
            .Select(u => new Suggestion(u.Id, u.UserName!, u.Email!, u.DisplayName))
            .ToListAsync(cancellationToken);
        return Results.Ok(new SuggestResponse(data));
    }
}
