using AdminPortal.Data;

namespace AdminPortal.Users;

/// <summary>
/// Substring search over user name, email and display name, ignoring case. The one provider-specific part of the user
/// list (DESIGN.md "Databases"): a PostgreSQL version would use a pg_trgm index beside <see cref="SqliteUserSearch"/>.
/// </summary>
public interface IUserSearch
{
    IQueryable<AppUser> Matching(IQueryable<AppUser> users, string text);
}
