using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInAttempt(SignInOutcome Outcome, AppUser? User = null)
{
    public bool MustChangePassword => Outcome == SignInOutcome.Succeeded && User is { MustChangePassword: true };
}

/// <summary>
/// Sign-in by user name or email. Unknown user and wrong password give the same outcome and both verify a hash,
/// so they take the same time, and an unknown name is paused after as many tries as an account
/// (<see cref="UnknownLoginLockout"/>); a disabled account is told so only after its correct password; wrong
/// passwords count towards Identity's temporary lockout. Every outcome is audited with the client address; a refusal names
/// the account only when one exists (what was typed for an unknown account is not kept: it is often a password).
/// </summary>
public sealed class SignInService(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    AppDbContext db,
    TimeProvider time,
    AuditLog audit,
    UnknownLoginLockout unknownLogins,
    ILogger<SignInService> logger)
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), DatabaseInitializer.GeneratePassword()));

    public async Task<SignInAttempt> SignInAsync(string login, string password, bool isPersistent)
    {
        login = login.Trim();
        var user = login.Contains('@')
            ? await userManager.FindByEmailAsync(login)
            : await userManager.FindByNameAsync(login);
        if (user is null)
        {
            // Answered like an account: paused after as many wrong tries (no hash checked then, as for a locked
            // account), otherwise a hash verified and the try counted.
            if (await unknownLogins.IsLockedOutAsync(login))
            {
                logger.LogInformation("Sign-in refused: unknown account, paused like a locked-out one.");
                await audit.RecordAsync(AuditActions.SignInFailure, succeeded: false, reason: AuditReasons.UnknownAccount);
                return new SignInAttempt(SignInOutcome.LockedOut);
            }
            userManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            await unknownLogins.RecordFailureAsync(login);
            logger.LogInformation("Sign-in refused: unknown account.");
            await audit.RecordAsync(AuditActions.SignInFailure, succeeded: false, reason: AuditReasons.UnknownAccount);
            return new SignInAttempt(SignInOutcome.InvalidCredentials);
        }

        var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {UserId} is locked out.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.LockedOut);
            return new SignInAttempt(SignInOutcome.LockedOut, user);
        }
        if (!check.Succeeded)
        {
            logger.LogInformation("Sign-in refused: wrong password for account {UserId}.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.WrongPassword);
            return new SignInAttempt(SignInOutcome.InvalidCredentials, user);
        }
        if (user.Status != AccountStatus.Active)
        {
            logger.LogInformation("Sign-in refused: account {UserId} is disabled.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.Disabled);
            return new SignInAttempt(SignInOutcome.Disabled, user);
        }

        // Written without touching the concurrency stamp, so signing in never makes an admin's open edit stale;
        // the time and its audit record land together, before the cookie is issued.
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
            audit.Add(AuditActions.SignInSuccess, user.Id, user.UserName);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await signInManager.SignInAsync(user, isPersistent);
        logger.LogInformation("Account {UserId} signed in.", user.Id);
        return new SignInAttempt(SignInOutcome.Succeeded, user);
    }
}
