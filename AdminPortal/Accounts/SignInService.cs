using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using AdminPortal.TwoFactor;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
    /// <summary>A sign-up request not yet approved; told so only after its correct password, like a disabled account.</summary>
    AwaitingApproval,
    /// <summary>The password was right; the sign-in goes on at the two-factor step.</summary>
    RequiresSecondFactor,
    /// <summary>The two-factor step was reached without a password first, or its short cookie expired.</summary>
    SecondFactorExpired,
}

public enum SecondFactorKind
{
    AuthenticatorCode,
    RecoveryCode,
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
    TwoFactor.AppSignInManager signInManager,
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
        if (user.Status == AccountStatus.Pending)
        {
            logger.LogInformation("Sign-in refused: account {UserId} awaits approval.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.AwaitingApproval);
            return new SignInAttempt(SignInOutcome.AwaitingApproval, user);
        }
        if (user.Status != AccountStatus.Active)
        {
            logger.LogInformation("Sign-in refused: account {UserId} is disabled.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.Disabled);
            return new SignInAttempt(SignInOutcome.Disabled, user);
        }

        // An account with a second factor goes on to the two-factor step, unless this browser was remembered for it.
        if (user.TwoFactorEnabled)
        {
            if (!await signInManager.IsTwoFactorClientRememberedAsync(user))
            {
                await audit.RecordAsync(AuditActions.SignInPasswordAccepted, user.Id, user.UserName);
                await signInManager.SignInAfterPasswordAsync(user, isPersistent);
                logger.LogInformation("Account {UserId} gave its password; its second factor is asked.", user.Id);
                return new SignInAttempt(SignInOutcome.RequiresSecondFactor, user);
            }
            await RecordSignInAsync(user, AuditReasons.RememberedBrowser);
            await signInManager.SignInAfterPasswordAsync(user, isPersistent);
            logger.LogInformation("Account {UserId} signed in; its second factor was remembered on this browser.", user.Id);
            return new SignInAttempt(SignInOutcome.Succeeded, user);
        }

        await RecordSignInAsync(user, reason: null);
        await signInManager.SignInAsync(user, isPersistent);
        logger.LogInformation("Account {UserId} signed in.", user.Id);
        return new SignInAttempt(SignInOutcome.Succeeded, user);
    }

    /// <summary>
    /// The two-factor step: the account whose password was accepted (the step's short cookie says which) gives an
    /// authenticator code or a recovery code. Wrong codes count toward the same temporary lockout as wrong passwords,
    /// a locked-out or disabled account is refused before any code is checked, and a recovery code works once.
    /// </summary>
    public async Task<SignInAttempt> SecondFactorAsync(SecondFactorKind kind, string code, bool isPersistent, bool rememberBrowser)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return new SignInAttempt(SignInOutcome.SecondFactorExpired);
        }
        if (await userManager.IsLockedOutAsync(user))
        {
            logger.LogWarning("Second factor refused: account {UserId} is locked out.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.LockedOut);
            return new SignInAttempt(SignInOutcome.LockedOut, user);
        }
        if (user.Status != AccountStatus.Active)
        {
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false, reason: AuditReasons.Disabled);
            return new SignInAttempt(SignInOutcome.Disabled, user);
        }

        bool valid;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            valid = kind == SecondFactorKind.AuthenticatorCode
                ? await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, Totp.Normalize(code))
                : (await userManager.RedeemTwoFactorRecoveryCodeAsync(user, code.Trim())).Succeeded;
            if (!valid)
            {
                await transaction.RollbackAsync();
            }
            else
            {
                if (user.AccessFailedCount > 0)
                {
                    await userManager.ResetAccessFailedCountAsync(user);
                }
                await RecordSignInAsync(user, kind == SecondFactorKind.AuthenticatorCode ? AuditReasons.AuthenticatorCode : AuditReasons.RecoveryCode, ownTransaction: false);
                await transaction.CommitAsync();
            }
        }
        if (!valid)
        {
            db.ChangeTracker.Clear();
            user = (await userManager.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            await userManager.AccessFailedAsync(user);
            var lockedOut = await userManager.IsLockedOutAsync(user);
            logger.LogInformation("Second factor refused: wrong code for account {UserId}.", user.Id);
            await audit.RecordAsync(AuditActions.SignInFailure, user.Id, user.UserName, succeeded: false,
                reason: lockedOut ? AuditReasons.LockedOut : AuditReasons.WrongSecondFactorCode);
            return new SignInAttempt(lockedOut ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials, user);
        }
        // A recovery code is for a lost phone: it does not remember the browser.
        await signInManager.CompleteTwoFactorSignInAsync(user, isPersistent, rememberBrowser && kind == SecondFactorKind.AuthenticatorCode);
        logger.LogInformation("Account {UserId} signed in with its second factor.", user.Id);
        return new SignInAttempt(SignInOutcome.Succeeded, user);
    }

    // Written without touching the concurrency stamp, so signing in never makes an admin's open edit stale;
    // the time and its audit record land together, before the cookie is issued.
    private async Task RecordSignInAsync(AppUser user, string? reason, bool ownTransaction = true)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = ownTransaction ? await db.Database.BeginTransactionAsync() : null;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        audit.Add(AuditActions.SignInSuccess, user.Id, user.UserName, reason: reason);
        await db.SaveChangesAsync();
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
    }
}
