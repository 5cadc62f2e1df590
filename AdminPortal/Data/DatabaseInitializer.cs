using System.Security.Cryptography;
using AdminPortal.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Data;

/// <summary>Migrates the database and creates the roles and the principal account, idempotently.</summary>
public sealed partial class DatabaseInitializer(
    AppDbContext db,
    RoleManager<AppRole> roleManager,
    UserManager<AppUser> userManager,
    IOptions<RootAccountOptions> rootOptions,
    IOptions<LanguageOptions> languageOptions,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        var root = rootOptions.Value; // validates the configuration before anything is written
        AppLanguages.TryParse(languageOptions.Value.DefaultLanguage, out var language);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Statistics for the query planner (issue 11: without them SQLite chose a plan 150× slower for the suggest
            // query): tables and indexes with none, or whose size changed a lot, are analyzed from a bounded sample, so
            // this takes milliseconds even at a million accounts. PostgreSQL's autovacuum keeps its own.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", cancellationToken);
        }
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                EnsureSucceeded(await roleManager.CreateAsync(new AppRole(role)), $"create role {role}");
            }
        }
        if (!await db.Users.AnyAsync(u => u.IsPrincipal, cancellationToken))
        {
            await CreatePrincipalAsync(root, language);
        }
    }

    private async Task CreatePrincipalAsync(RootAccountOptions root, string language)
    {
        var generated = string.IsNullOrEmpty(root.Password);
        var password = generated ? GeneratePassword() : root.Password!;
        var principal = new AppUser
        {
            UserName = root.UserName,
            Email = root.Email,
            EmailConfirmed = true,
            DisplayName = "Root",
            Role = Roles.Root,
            IsPrincipal = true,
            Language = language,
            MustChangePassword = generated,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        EnsureSucceeded(await userManager.CreateAsync(principal, password), "create the principal account");
        EnsureSucceeded(await userManager.AddToRoleAsync(principal, Roles.Root), "give the principal the root role");
        if (generated)
        {
            // DESIGN.md asks for this one exception to "no secrets in logs": the first sign-in needs it,
            // and the account must change it at once.
            LogGeneratedPassword(logger, root.UserName, password);
        }
        else
        {
            LogCreated(logger, root.UserName);
        }
    }

    internal static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    private static void EnsureSucceeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "First boot: created the principal account '{UserName}' with the generated password {Password} — sign in and change it now; it is not shown again.")]
    private static partial void LogGeneratedPassword(ILogger logger, string userName, string password);

    [LoggerMessage(Level = LogLevel.Information, Message =
        "First boot: created the principal account '{UserName}' with the configured password.")]
    private static partial void LogCreated(ILogger logger, string userName);
}
