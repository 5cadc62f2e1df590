using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Data;

/// <summary>
/// Tells the <see cref="AppDbContext"/> which tables each command it sends writes to: SaveChanges' batches and
/// ExecuteUpdate/ExecuteDelete alike, which change tracking never sees. The audit log's safety net listens.
/// </summary>
public sealed partial class WriteCommandInterceptor : DbCommandInterceptor
{
    [GeneratedRegex("""^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(?<table>[^"]+)"\s""",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex WriteStatement();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Note(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result)
    {
        Note(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Note(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not AppDbContext db)
        {
            return;
        }
        foreach (Match match in WriteStatement().Matches(command.CommandText))
        {
            db.OnWriting(match.Groups["table"].Value);
        }
    }
}
