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

    /// <summary>
    /// The accounts the picker may offer (active vendors and admins): the condition of their own partial index
    /// (<see cref="AppDbContext.UserSuggestIndex"/>) and of the query's candidates, in SQL both databases read.
    /// </summary>
    public static readonly string CandidateFilterSql =
        $"\"Status\" = {(int)AccountStatus.Active} AND \"Role\" IN ('{Roles.Vendor}', '{Roles.Admin}')";

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
        // Identity's normalized columns are upper-cased; instr() on them is a case-insensitive substring match. The
        // candidates are read through their own index, in name order with both columns, so the walk reads a table row
        // only for the accounts it keeps and stops at the tenth. SQLite is told to (INDEXED BY): with its sampled
        // statistics it judges a status index that holds every account cheaper. PostgreSQL chooses the index itself.
        var name = normalizer.NormalizeName(q.Trim());
        var email = normalizer.NormalizeEmail(q.Trim());
        var indexed = db.Provider == DatabaseProvider.Sqlite ? $"INDEXED BY \"{AppDbContext.UserSuggestIndex}\"" : "";
#pragma warning disable EF1002 // constant text only: the index's name and the candidates' condition
        var candidates = db.Users.FromSqlRaw($"""SELECT * FROM "AspNetUsers" {indexed} WHERE {CandidateFilterSql}""");
#pragma warning restore EF1002
        var data = await candidates.AsNoTracking()
            .Where(u => u.NormalizedUserName!.Contains(name) || u.NormalizedEmail!.Contains(email))
            .OrderBy(u => u.UserName)
            .Take(MaxResults)
            .Select(u => new Suggestion(u.Id, u.UserName!, u.Email!, u.DisplayName))
            .ToListAsync(cancellationToken);
        return Results.Ok(new SuggestResponse(data));
    }
}
