using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

/// <summary>
/// <c>dotnet run --project AdminPortal -- seed-demo N</c>: adds N realistic demo accounts for trying the user list and
/// benchmarking it, then exits. Fast by design: one password hash shared by all (<see cref="DemoPassword"/>), a bulk
/// insert of the provider's (<see cref="SqliteDemoAccountWriter"/>, <see cref="PostgreSqlDemoAccountWriter"/>), one
/// transaction, indexes rebuilt once at the end. Every demo account is an employee, vendor or (rarely) admin, so never use
/// it on a real database.
/// </summary>
public sealed partial class DemoSeeder(AppDbContext db, IPasswordHasher<AppUser> hasher, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string Command = "seed-demo";
    public const string DemoPassword = "demo-password";

    private static readonly string[] FirstNames =
    [
        "María", "José", "Lucía", "Juan", "Carmen", "Antonio", "Ana", "Manuel", "Laura", "Francisco", "Marta", "David", "Elena",
        "Javier", "Sara", "Daniel", "Paula", "Carlos", "Julia", "Miguel", "Alba", "Pablo", "Irene", "Sergio", "Noelia", "Emma",
        "Oliver", "Sophie", "James", "Chloe", "Liam", "Amelia", "Noah", "Mia", "Lucas", "Zoe", "Hugo", "Léa", "Jonas", "Ingrid",
    ];

    private static readonly string[] LastNames =
    [
        "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez",
        "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres",
        "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Blanco", "Smith", "Jones", "Brown", "Taylor", "Wilson", "Müller",
        "Schmidt", "Rossi", "Dubois", "Nielsen", "Kowalski", "Silva",
    ];

    private static readonly string[] Domains =
    [
        "example.com", "example.org", "acme-supplies.test", "globex.test", "initech.test", "umbrella.test", "hooli.test",
        "vandelay.test", "soylent.test", "wonka.test",
    ];

    /// <summary>Runs the command if the arguments ask for it; true when it ran (the app then exits).</summary>
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != Command)
        {
            return false;
        }
        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            await Console.Error.WriteLineAsync($"Usage: dotnet run --project AdminPortal -- {Command} N   (N demo accounts, N >= 1)");
            Environment.ExitCode = 2;
            return true;
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(count);
        return true;
    }

    public async Task SeedAsync(int count, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var passwordHash = hasher.HashPassword(new AppUser(), DemoPassword);
        var now = time.GetUtcNow().UtcDateTime;
        var random = new Random(count);

        var firstId = 0;
        IEnumerable<DemoAccount> Accounts(int first)
        {
            firstId = first;
            for (var i = 0; i < count; i++)
            {
                var id = first + i;
                var firstName = FirstNames[random.Next(FirstNames.Length)];
                var lastName = LastNames[random.Next(LastNames.Length)];
                var userName = $"{Ascii(firstName)}.{Ascii(lastName)}{id}";
                var email = $"{userName}@{Domains[random.Next(Domains.Length)]}";
                var roll = random.Next(100);
                var role = roll < 2 ? Roles.Admin : roll < 27 ? Roles.Vendor : Roles.Employee;
                var createdAt = now.AddMinutes(-random.Next(3 * 365 * 24 * 60));
                var status = random.Next(10) == 0 ? AccountStatus.Disabled : AccountStatus.Active;
                DateTime? lastSignInAt = random.Next(4) == 0
                    ? null
                    : createdAt.AddMinutes(random.Next((int)Math.Max(1, (now - createdAt).TotalMinutes)));
                yield return new DemoAccount(id, userName, email, $"{firstName} {lastName}", role, roleIds[role], status, createdAt,
                    lastSignInAt, passwordHash, Guid.NewGuid().ToString());
                if ((i + 1) % 100_000 == 0)
                {
                    LogProgress(logger, i + 1, count, watch.Elapsed.TotalSeconds);
                }
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var writer = db.Provider == DatabaseProvider.PostgreSql
                ? (DemoAccountWriter)new PostgreSqlDemoAccountWriter((Npgsql.NpgsqlConnection)db.Database.GetDbConnection())
                : new SqliteDemoAccountWriter((SqliteConnection)db.Database.GetDbConnection());
            await writer.WriteAsync(Accounts, cancellationToken);
            LogAccountsWritten(logger, count, watch.Elapsed.TotalSeconds);
            await new DemoAuditWriter(db).WriteAsync(firstId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        LogDone(logger, count, watch.Elapsed.TotalSeconds, DemoPassword);
    }

    /// <summary>Names in user names and emails use plain ASCII letters (DESIGN.md: letters, digits, '.', '_', '-').</summary>
    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "seed-demo: {Done}/{Count} accounts ({Seconds:F1} s).")]
    private static partial void LogProgress(ILogger logger, int done, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "seed-demo: {Count} accounts written ({Seconds:F1} s); now their audit history.")]
    private static partial void LogAccountsWritten(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "seed-demo: added {Count} demo accounts in {Seconds:F1} s; they all share the password '{Password}'.")]
    private static partial void LogDone(ILogger logger, int count, double seconds, string password);
}
