using AdminPortal.Data;
using AdminPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>One row of the user list: only the columns it shows.</summary>
public sealed record UserRow(int Id, string UserName, string DisplayName, string Email, string Role, AccountStatus Status,
    DateTime CreatedAt, DateTime? LastSignInAt, bool IsPrincipal);

/// <summary>Reads the user list: filter, search, sort and one page, in SQL.</summary>
public sealed class UserDirectory(AppDbContext db, IUserSearch search)
{
    public Task<PagedList<UserRow>> ListAsync(UserListQuery query, CancellationToken cancellationToken = default)
    {
        IQueryable<AppUser> users = db.Users.AsNoTracking();
        if (query.Q is not null)
        {
            users = search.Matching(users, query.Q);
        }
        if (query.Role is not null)
        {
            users = users.Where(u => u.Role == query.Role);
        }
        if (query.Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }
        users = (query.SortKey, query.Descending) switch
        {
            ("email", false) => users.OrderBy(u => u.Email).ThenBy(u => u.Id),
            ("email", true) => users.OrderByDescending(u => u.Email).ThenByDescending(u => u.Id),
            ("role", false) => users.OrderBy(u => u.Role).ThenBy(u => u.UserName),
            ("role", true) => users.OrderByDescending(u => u.Role).ThenByDescending(u => u.UserName),
            ("status", false) => users.OrderBy(u => u.Status).ThenBy(u => u.UserName),
            ("status", true) => users.OrderByDescending(u => u.Status).ThenByDescending(u => u.UserName),
            ("created", false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            ("created", true) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.UserName),
            _ => users.OrderBy(u => u.UserName),
        };
        var rows = users.Select(u => new UserRow(u.Id, u.UserName!, u.DisplayName, u.Email!, u.Role, u.Status, u.CreatedAt,
            u.LastSignInAt, u.IsPrincipal));
        return query.Q is null
            ? ListCountedAsync(rows, query, cancellationToken)
            : PagedList<UserRow>.CreateAsync(rows, query.Page, query.Size, cancellationToken);
    }

    // With no search, the total is a sum over the UserCounts rows (one per role and status, kept by triggers)
    // instead of a count of every account.
    private async Task<PagedList<UserRow>> ListCountedAsync(IQueryable<UserRow> rows, UserListQuery query, CancellationToken cancellationToken)
    {
        var status = (int?)query.Status;
        var total = await db.Database.SqlQuery<int>($"""
            SELECT COALESCE(SUM(Count), 0) AS Value FROM UserCounts
            WHERE ({query.Role} IS NULL OR Role = {query.Role}) AND ({status} IS NULL OR Status = {status})
            """).SingleAsync(cancellationToken);
        return await PagedList<UserRow>.CreateAsync(rows, total, query.Page, query.Size, cancellationToken);
    }
}
