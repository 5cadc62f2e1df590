using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using AdminPortal.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

/// <summary>
/// <c>dotnet AdminPortal.dll admin reset-root</c> and <c>admin unlock USER</c>: what an operator with the server (and no
/// working sign-in) needs to get back in, and nothing the web pages could not do. Each writes its audit entry with the
/// actor "command line" and exits.
/// </summary>
public sealed partial class AdminCommands(AppDbContext db, UserManager<AppUser> userManager, AuditLog auditLog,
    ILogger<AdminCommands> logger)
{
    public const string Command = "admin";
    public const string ResetRoot = "reset-root";
    public const string Unlock = "unlock";

    /// <summary>The audit log's actor for these commands. It has a space, so no user name can ever be it.</summary>
    public const string CommandLineActor = "command line";

    private const string Usage = """
        Usage: dotnet AdminPortal.dll admin reset-root     a new generated password for the principal (printed once),
                                                           a forced change at next sign-in, lockout and second factors
                                                           cleared, every session ended
               dotnet AdminPortal.dll admin unlock USER    clears the lockout of the account with that user name or email
        (or: dotnet run --project AdminPortal -- admin ...)
        """;

    /// <summary>Runs the command if the arguments ask for it; true when it ran (the app then exits with its code).</summary>
    public static async Task<bool> TryRunAsync(IServiceProvider services, string[] args)
    {
        var exitCode = await RunAsync(services, args, Console.Out, Console.Error);
        if (exitCode is null)
        {
            return false;
        }
        Environment.ExitCode = exitCode.Value;
        return true;
    }

    /// <summary>The command's exit code (0 done, 1 refused, 2 usage), or null when the arguments are not an admin command.</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != Command)
        {
            return null;
        }
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<AdminCommands>();
        return args switch
        {
            [_, ResetRoot] => await commands.ResetRootAsync(output, error),
            [_, Unlock, var login] => await commands.UnlockAsync(login, output, error),
            _ => await WriteUsageAsync(error),
        };
    }

    private static async Task<int> WriteUsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(Usage);
        return 2;
    }

    public async Task<int> ResetRootAsync(TextWriter output, TextWriter error)
    {
        var principal = await db.Users.SingleOrDefaultAsync(u => u.IsPrincipal);
        if (principal is null)
        {
            await error.WriteLineAsync("There is no principal account yet: start the app once to create it.");
            return 1;
        }
        var password = DatabaseInitializer.GeneratePassword();
        var changes = new Dictionary<string, FieldChange> { [UserFields.Password] = new(null, "set") };
        if (!principal.MustChangePassword)
        {
            changes["MustChangePassword"] = new(bool.FalseString, bool.TrueString);
        }
        if (principal.LockoutEnd is { } lockoutEnd)
        {
            changes[LockedOutUntil] = new(lockoutEnd.UtcDateTime.ToString("O"), null);
        }
        if (principal.TwoFactorEnabled)
        {
            changes["TwoFactorEnabled"] = new(bool.TrueString, bool.FalseString);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var passkeys = await TwoFactor.PasskeyService.DeleteAllAsync(db, principal.Id);
        if (passkeys > 0)
        {
            changes[TwoFactor.PasskeyService.CountAuditField] = new(passkeys.ToString(System.Globalization.CultureInfo.InvariantCulture), "0");
        }
        principal.PasswordHash = userManager.PasswordHasher.HashPassword(principal, password);
        principal.MustChangePassword = true;
        principal.LockoutEnd = null;
        principal.AccessFailedCount = 0;
        principal.TwoFactorEnabled = false;
        // The authenticator key and the recovery codes are Identity's own tokens: removing them is what turns the
        // second factor off for good (a later set-up starts from a new key).
        await db.UserTokens.Where(t => t.UserId == principal.Id && t.LoginProvider == AuthenticatorTokenProvider)
            .ExecuteDeleteAsync();
        Record(AuditActions.RootReset, principal, changes);
        // A new stamp ends every session of the account at its next request (rule 6).
        var saved = await userManager.UpdateSecurityStampAsync(principal);
        if (!saved.Succeeded)
        {
            await error.WriteLineAsync("Could not reset the principal: " + string.Join(" ", saved.Errors.Select(e => e.Description)));
            return 1;
        }
        await transaction.CommitAsync();

        LogRootReset(logger, principal.UserName!);
        await output.WriteLineAsync($"""
            The principal account '{principal.UserName}' has a new password:

                {password}

            It is shown only now. Sign in with it and choose a new one; its lockout and second factors were cleared and
            every session it had was ended.
            """);
        return 0;
    }

    public async Task<int> UnlockAsync(string login, TextWriter output, TextWriter error)
    {
        var user = await userManager.FindByNameAsync(login) ?? await userManager.FindByEmailAsync(login);
        if (user is null)
        {
            await error.WriteLineAsync($"No account has the user name or email '{login}'.");
            return 1;
        }
        if (!await userManager.IsLockedOutAsync(user) && user.AccessFailedCount == 0)
        {
            await output.WriteLineAsync($"The account '{user.UserName}' is not locked out: nothing to do.");
            return 0;
        }
        var changes = new Dictionary<string, FieldChange>
        {
            [LockedOutUntil] = new(user.LockoutEnd?.UtcDateTime.ToString("O"), null),
            ["AccessFailedCount"] = new(user.AccessFailedCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "0"),
        };
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        Record(AuditActions.AccountUnlock, user, changes);
        await db.SaveChangesAsync();
        LogUnlocked(logger, user.UserName!);
        await output.WriteLineAsync($"The account '{user.UserName}' is unlocked: it can sign in again.");
        return 0;
    }

    // Identity's store keeps the authenticator key and the recovery codes under this login provider.
    private const string AuthenticatorTokenProvider = "[AspNetUserStore]";

    // The name the password reset already uses for a cleared lockout in the audit log.
    private const string LockedOutUntil = "LockedOutUntil";

    private void Record(string action, AppUser user, Dictionary<string, FieldChange> changes)
    {
        var entry = auditLog.Add(action, user.Id, user.UserName, changes);
        entry.ActorUserName = CommandLineActor;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command line: the principal account '{UserName}' was given a new password; its lockout, second factors and sessions were cleared.")]
    private static partial void LogRootReset(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command line: the account '{UserName}' was unlocked.")]
    private static partial void LogUnlocked(ILogger logger, string userName);
}
