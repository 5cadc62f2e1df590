using System.Linq.Expressions;
using AdminPortal.Data;

namespace AdminPortal.TwoFactor;

/// <summary>
/// What "has a second factor" means, written once: an authenticator app (Identity's <c>TwoFactorEnabled</c>) or any
/// passkey. The user list's filter, its CSV export and the session's account state write <see cref="Held"/> in their
/// queries and pass them through <see cref="Inline"/>, which puts this definition in its place, so the database
/// evaluates it and the three can never disagree.
/// </summary>
public static class SecondFactors
{
    /// <summary>A marker for a query given to <see cref="Inline"/>; it is never called.</summary>
    public static bool Held(AppUser user) =>
        throw new InvalidOperationException($"{nameof(SecondFactors)}.{nameof(Held)} only works inside a query given to {nameof(Inline)}.");

    /// <summary>The query with every <see cref="Held"/> replaced by the definition, against this context's passkeys.</summary>
    public static Expression<Func<AppUser, T>> Inline<T>(AppDbContext db, Expression<Func<AppUser, T>> query)
    {
        Expression<Func<AppUser, bool>> held = u => u.TwoFactorEnabled || db.UserPasskeys.Any(p => p.UserId == u.Id);
        return (Expression<Func<AppUser, T>>)new Inliner(held).Visit(query);
    }

    private sealed class Inliner(Expression<Func<AppUser, bool>> held) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(SecondFactors) && node.Method.Name == nameof(Held)
                ? new Substitution(held.Parameters[0], Visit(node.Arguments[0])).Visit(held.Body)
                : base.VisitMethodCall(node);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression argument) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? argument : node;
    }
}
