using System.Data.Common;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Data;

/// <summary>
/// PostgreSQL refuses a NUL character in any text it is sent (22021), so a typed lookup holding one (an audit
/// filter, a suggestion, a user name at sign-in) would fail instead of finding nothing. No stored text holds a NUL:
/// the rules refuse control characters in every field. So every text parameter's NUL is sent as U+FFFD, as
/// <see cref="SearchText.Searchable"/> does for the search, and such a lookup finds nothing, as on SQLite.
/// </summary>
public sealed class NulTextInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case string text when text.Contains('\0', StringComparison.Ordinal):
                    parameter.Value = SearchText.Searchable(text);
                    break;
                case string[] texts when texts.Any(t => t is not null && t.Contains('\0', StringComparison.Ordinal)):
                    parameter.Value = texts.Select(t => t is null ? t : SearchText.Searchable(t)).ToArray();
                    break;
            }
        }
    }
}
