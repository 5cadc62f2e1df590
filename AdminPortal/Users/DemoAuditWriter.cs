using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// seed-demo's audit history: <see cref="EntriesPerAccount"/> entries for each new demo account, written by one
/// INSERT … SELECT over the accounts themselves (so ten million entries take seconds, not an hour of round trips): its
/// creation by the principal, sign-ins from its own address, a refused sign-in, a sign-out, an edit by the principal,
/// a reset-code request, a theme change. Times fall between the account's creation and now. The log's secondary
/// indexes are dropped first and rebuilt from the loaded rows, as the account writers do.
/// </summary>
internal sealed class DemoAuditWriter(AppDbContext db)
{
    public const int EntriesPerAccount = 10;

    // (entry number, action, whether the account itself is the actor, succeeded, reason). Entries 5 and 8 have no actor
    // (nobody is signed in then); the others not by the account itself are by the principal.
    private static readonly (int N, string Action, bool BySelf, bool Succeeded, string? Reason)[] History =
    [
        (0, AuditActions.UserCreate, false, true, null),
        (1, AuditActions.SignInSuccess, true, true, null),
        (2, AuditActions.SignInSuccess, true, true, null),
        (3, AuditActions.SignInSuccess, true, true, null),
        (4, AuditActions.SignInSuccess, true, true, null),
        (5, AuditActions.SignInFailure, false, false, AuditReasons.WrongPassword),
        (6, AuditActions.SignOut, true, true, null),
        (7, AuditActions.UserUpdate, false, true, null),
        (8, AuditActions.ResetRequest, false, true, null),
        (9, AuditActions.AccountThemeChange, true, true, null),
    ];

    /// <param name="firstId">The first demo account of this run (accounts with smaller ids already have their history).</param>
    public async Task WriteAsync(int firstId, CancellationToken cancellationToken)
    {
        var principal = await db.Users.AsNoTracking().Where(u => u.IsPrincipal).Select(u => new { u.Id, u.UserName }).SingleAsync(cancellationToken);
        var postgres = db.Provider == DatabaseProvider.PostgreSql;
        var indexes = await IndexesAsync(postgres, cancellationToken);
        foreach (var (name, _) in indexes)
        {
            var drop = $"""DROP INDEX "{name}";""";
            await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
        }
        // A fraction in [0, 1) that differs by account and entry, so the times spread out; the same SQL on both databases.
        // The id is reduced before it is multiplied: PostgreSQL's 32-bit integers overflow past 271,000 accounts otherwise.
        const string fraction = """(((u."Id" % 1000) * 7919 + h.n * 104729) % 1000) / 1000.0""";
        var at = postgres
            ? $"""u."CreatedAt" + (now() - u."CreatedAt") * {fraction}"""
            : $"""strftime('%Y-%m-%d %H:%M:%S', julianday(u."CreatedAt") + (julianday('now') - julianday(u."CreatedAt")) * {fraction})""";
        // Braces doubled: ExecuteSqlRaw formats the text with its parameters.
        const string changes = """'{{"DisplayName":{{"Old":"' || u."UserName" || '","New":"' || u."DisplayName" || '"}}}}'""";
        var truth = postgres ? ("true", "false") : ("1", "0");
        var history = string.Join(" UNION ALL ", History.Select(h =>
            $"SELECT {h.N} AS n, '{h.Action}' AS action, {(h.BySelf ? truth.Item1 : truth.Item2)} AS byself, "
            + $"{(h.Succeeded ? truth.Item1 : truth.Item2)} AS succeeded, {(h.Reason is null ? "NULL" : $"'{h.Reason}'")} AS reason"));
        var sql = $"""
            INSERT INTO "AuditEntries" ("At", "ActorId", "ActorUserName", "Action", "TargetId", "TargetUserName", "Changes",
                "ClientAddress", "Succeeded", "Reason")
            SELECT CASE WHEN h.n = 0 THEN u."CreatedAt" ELSE {at} END,
                CASE WHEN h.byself = {truth.Item1} THEN u."Id" WHEN h.n IN (5, 8) THEN NULL ELSE {PrincipalId} END,
                CASE WHEN h.byself = {truth.Item1} THEN u."UserName" WHEN h.n IN (5, 8) THEN NULL ELSE {PrincipalName} END,
                h.action, u."Id", u."UserName",
                CASE WHEN h.n = 7 THEN {changes} END,
                '10.' || (u."Id" % 250) || '.' || (h.n * 20) || '.' || (u."Id" % 200 + 1), h.succeeded, h.reason
            FROM "AspNetUsers" u CROSS JOIN ({history}) h
            WHERE u."Id" >= {firstId}
            """;
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.ExecuteSqlRawAsync(sql, [principal.Id, principal.UserName!], cancellationToken);
        foreach (var (_, definition) in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(definition, cancellationToken);
        }
        await db.Database.ExecuteSqlRawAsync(postgres ? """ANALYZE "AuditEntries";""" : "ANALYZE AuditEntries;", cancellationToken);
    }

    // ExecuteSqlRaw's placeholders for its parameters (the principal's id and user name).
    private const string PrincipalId = "{0}";
    private const string PrincipalName = "{1}";

    private async Task<List<(string Name, string Definition)>> IndexesAsync(bool postgres, CancellationToken cancellationToken)
    {
        var sql = postgres
            ? """
              SELECT indexname AS "Name", indexdef AS "Definition" FROM pg_indexes
              WHERE schemaname = current_schema() AND tablename = 'AuditEntries' AND indexname NOT IN (SELECT conname FROM pg_constraint)
              """
            : """SELECT name AS "Name", sql AS "Definition" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AuditEntries' AND sql IS NOT NULL""";
        var rows = await db.Database.SqlQueryRaw<IndexDefinition>(sql).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Name, r.Definition)).ToList();
    }

    private sealed record IndexDefinition(string Name, string Definition);
}
