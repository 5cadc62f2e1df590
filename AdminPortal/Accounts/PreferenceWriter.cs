using System.Linq.Expressions;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

/// <summary>
/// Writes one of the signed-in account's own preferences (theme, language), shared by <see cref="ThemeService"/>
/// and <see cref="LanguageService"/>. It uses ExecuteUpdate rather than UserManager: one column, no user validation
/// and no new stamps (the administrators' edit form shows neither preference, so its version is unchanged either
/// way); the security stamp is left alone, so no session ends. The update and its audit entry share one
/// transaction: both are written or neither.
/// </summary>
public sealed class PreferenceWriter(AppDbContext db, AuditLog audit)
{
    /// <summary>False when the account does not exist; true when the value is stored (or already was).</summary>
    public async Task<bool> SetAsync<T>(int userId, Expression<Func<AppUser, T>> column, T value, string auditAction,
        CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (account is null)
        {
            return false;
        }
        var current = column.Compile()(account);
        if (EqualityComparer<T>.Default.Equals(current, value))
        {
            return true;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(column, value), cancellationToken);
        var field = ((MemberExpression)column.Body).Member.Name;
        audit.Add(auditAction, userId, account.UserName,
            new Dictionary<string, FieldChange> { [field] = new(current?.ToString(), value?.ToString()) });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
