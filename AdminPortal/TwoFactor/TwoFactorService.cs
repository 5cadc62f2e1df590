using System.Globalization;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.TwoFactor;

public enum TwoFactorRefusal
{
    None,
    UnknownAccount,
    SetupExpired,
    WrongCode,
    WrongPassword,
    NotEnrolled,
    LastFactor,
    /// <summary>Another request changed the account meanwhile (a concurrent save); nothing was written.</summary>
    ChangedMeanwhile,
}

/// <summary>What a second-factor action did; the recovery codes are there only when new ones were made (shown once).</summary>
public sealed record TwoFactorResult(TwoFactorRefusal Refusal, IReadOnlyList<string>? RecoveryCodes = null)
{
    public bool Succeeded => Refusal == TwoFactorRefusal.None;

    public static TwoFactorResult Refused(TwoFactorRefusal refusal) => new(refusal);
}

public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, bool Required, int Passkeys = 0)
{
    /// <summary>Turning it off is offered unless it is the last second factor of an account the policy holds to one.</summary>
    public bool CanTurnOff => Enabled && (!Required || Passkeys > 0);

    public bool HasSecondFactor => Enabled || Passkeys > 0;
}

/// <summary>A key being set up: shown as a QR code and in groups of four, carried by the form as <see cref="ProtectedKey"/>.</summary>
public sealed record AuthenticatorSetup(string Key, string ProtectedKey, string OtpAuthUri)
{
    public string GroupedKey => string.Join(' ', Key.Chunk(4).Select(c => new string(c)));
}

/// <summary>
/// The rules of one's own second factor (issue 15) in one place: setting up an authenticator app (confirmed by a code
/// before it is on, 10 recovery codes then), replacing its key, new recovery codes and turning it off. The last three ask
/// for the current password, end every other session of the account (a new security stamp, this session kept and
/// signed in again) and are audited, refusals included. An account that <see cref="TwoFactorOptions"/> holds to a second
/// factor cannot turn its last one off.
/// </summary>
public sealed class TwoFactorService(
    UserManager<AppUser> userManager,
    AppSignInManager signInManager,
    IUserStore<AppUser> userStore,
    AppDbContext db,
    AuditLog audit,
    IDataProtectionProvider dataProtection,
    IOptions<TwoFactorOptions> options,
    TimeProvider time,
    ILogger<TwoFactorService> logger)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "AdminPortal";

    // Where Identity's store keeps the authenticator key and the recovery codes (AspNetUserTokens).
    internal const string TokenProvider = "[AspNetUserStore]";
    internal static readonly string[] TokenNames = ["AuthenticatorKey", "RecoveryCodes"];

    private readonly IDataProtector _setupKeys = dataProtection.CreateProtector("AdminPortal.TwoFactor.SetupKey.v1");

    public bool IsRequiredFor(string role) => options.Value.Requires(role);

    public async Task<TwoFactorStatus> StatusAsync(CurrentAccount account)
    {
        var user = await userManager.FindByIdAsync(account.Id.ToString(CultureInfo.InvariantCulture));
        var enabled = user is { TwoFactorEnabled: true };
        var left = enabled ? await userManager.CountRecoveryCodesAsync(user!) : 0;
        var passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == account.Id);
        return new TwoFactorStatus(enabled, left, IsRequiredFor(account.Role), passkeys);
    }

    /// <summary>A new key for the set-up page. Nothing is stored until a code from it is confirmed.</summary>
    public AuthenticatorSetup NewSetup(CurrentAccount account) => SetupOf(account, userManager.GenerateNewAuthenticatorKey());

    /// <summary>The key a set-up form carried, or null when it is not one this app made for this account.</summary>
    public AuthenticatorSetup? SetupFrom(CurrentAccount account, string? protectedKey)
    {
        if (string.IsNullOrEmpty(protectedKey))
        {
            return null;
        }
        try
        {
            var parts = _setupKeys.Unprotect(protectedKey).Split(':', 2);
            return parts.Length == 2 && parts[0] == account.Id.ToString(CultureInfo.InvariantCulture) ? SetupOf(account, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>
    /// Confirms a set-up with a code from the app. For an account without an authenticator it is turned on and 10
    /// recovery codes made; for one that has it, this replaces the key (current password asked, other sessions ended)
    /// and the recovery codes stay.
    /// </summary>
    public async Task<TwoFactorResult> ConfirmSetupAsync(CurrentAccount account, string? protectedKey, string code,
        string? currentPassword, string? currentSessionId)
    {
        var user = await FindAsync(account);
        if (user is null)
        {
            return TwoFactorResult.Refused(TwoFactorRefusal.UnknownAccount);
        }
        var replacing = user.TwoFactorEnabled;
        var action = replacing ? AuditActions.AuthenticatorReset : AuditActions.TwoFactorEnable;
        if (SetupFrom(account, protectedKey) is not { } setup)
        {
            await audit.RecordAsync(action, user.Id, user.UserName, succeeded: false, reason: "invalid-input");
            return TwoFactorResult.Refused(TwoFactorRefusal.SetupExpired);
        }
        if (replacing && !await userManager.CheckPasswordAsync(user, currentPassword ?? ""))
        {
            return await RefuseAsync(action, user, TwoFactorRefusal.WrongPassword, AuditReasons.WrongCurrentPassword);
        }
        if (Totp.MatchingStep(setup.Key, Totp.Normalize(code), time.GetUtcNow()) is not { } step)
        {
            return await RefuseAsync(action, user, TwoFactorRefusal.WrongCode, AuditReasons.WrongSecondFactorCode);
        }
        // The code that confirmed the key is spent: it cannot sign in as well.
        user.AuthenticatorLastStep = step;

        IReadOnlyList<string>? codes = null;
        if (replacing)
        {
            db.SessionKeptOnRestamp = currentSessionId;
        }
        if (!await SavedAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await KeyStore.SetAuthenticatorKeyAsync(user, setup.Key, CancellationToken.None);
            if (replacing)
            {
                audit.Add(action, user.Id, user.UserName);
                EnsureSucceeded(await userManager.UpdateSecurityStampAsync(user));
            }
            else
            {
                user.TwoFactorEnabled = true;
                audit.Add(action, user.Id, user.UserName,
                    new Dictionary<string, FieldChange> { [nameof(AppUser.TwoFactorEnabled)] = new(bool.FalseString, bool.TrueString) });
                codes = [.. await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? throw new ConcurrentSaveException()];
            }
            await transaction.CommitAsync();
        }))
        {
            return await RefuseAsync(action, user, TwoFactorRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
        }
        if (replacing)
        {
            await signInManager.RefreshSignInAsync(user);
        }
        logger.LogInformation(replacing ? "Account {UserId} replaced its authenticator key." : "Account {UserId} set up an authenticator app.", user.Id);
        return new TwoFactorResult(TwoFactorRefusal.None, codes);
    }

    /// <summary>New recovery codes (the old ones stop working), after the current password; other sessions end.</summary>
    public async Task<TwoFactorResult> RenewRecoveryCodesAsync(CurrentAccount account, string currentPassword, string? currentSessionId)
    {
        var user = await FindAsync(account);
        if (user is null)
        {
            return TwoFactorResult.Refused(TwoFactorRefusal.UnknownAccount);
        }
        if (!user.TwoFactorEnabled)
        {
            return await RefuseAsync(AuditActions.RecoveryCodesRenew, user, TwoFactorRefusal.NotEnrolled, AuditReasons.NoSecondFactor);
        }
        if (!await userManager.CheckPasswordAsync(user, currentPassword))
        {
            return await RefuseAsync(AuditActions.RecoveryCodesRenew, user, TwoFactorRefusal.WrongPassword, AuditReasons.WrongCurrentPassword);
        }
        IReadOnlyList<string> codes = [];
        db.SessionKeptOnRestamp = currentSessionId;
        if (!await SavedAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            audit.Add(AuditActions.RecoveryCodesRenew, user.Id, user.UserName);
            codes = [.. await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? throw new ConcurrentSaveException()];
            EnsureSucceeded(await userManager.UpdateSecurityStampAsync(user));
            await transaction.CommitAsync();
        }))
        {
            return await RefuseAsync(AuditActions.RecoveryCodesRenew, user, TwoFactorRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} renewed its recovery codes.", user.Id);
        return new TwoFactorResult(TwoFactorRefusal.None, codes);
    }

    /// <summary>Turns the authenticator off (key and recovery codes deleted), after the current password; other sessions end.</summary>
    public async Task<TwoFactorResult> DisableAsync(CurrentAccount account, string currentPassword, string? currentSessionId)
    {
        var user = await FindAsync(account);
        if (user is null)
        {
            return TwoFactorResult.Refused(TwoFactorRefusal.UnknownAccount);
        }
        if (!user.TwoFactorEnabled)
        {
            return await RefuseAsync(AuditActions.TwoFactorDisable, user, TwoFactorRefusal.NotEnrolled, AuditReasons.NoSecondFactor);
        }
        if (IsRequiredFor(user.Role) && !await db.UserPasskeys.AnyAsync(p => p.UserId == user.Id))
        {
            return await RefuseAsync(AuditActions.TwoFactorDisable, user, TwoFactorRefusal.LastFactor, AuditReasons.LastSecondFactor);
        }
        if (!await userManager.CheckPasswordAsync(user, currentPassword))
        {
            return await RefuseAsync(AuditActions.TwoFactorDisable, user, TwoFactorRefusal.WrongPassword, AuditReasons.WrongCurrentPassword);
        }
        db.SessionKeptOnRestamp = currentSessionId;
        if (!await SavedAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await DeleteAuthenticatorAsync(db, user.Id);
            user.TwoFactorEnabled = false;
            audit.Add(AuditActions.TwoFactorDisable, user.Id, user.UserName,
                new Dictionary<string, FieldChange> { [nameof(AppUser.TwoFactorEnabled)] = new(bool.TrueString, bool.FalseString) });
            EnsureSucceeded(await userManager.UpdateSecurityStampAsync(user));
            await transaction.CommitAsync();
        }))
        {
            return await RefuseAsync(AuditActions.TwoFactorDisable, user, TwoFactorRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} turned its two-factor authentication off.", user.Id);
        return new TwoFactorResult(TwoFactorRefusal.None);
    }

    /// <summary>Deletes the account's authenticator key and recovery codes, in the caller's transaction.</summary>
    internal static Task<int> DeleteAuthenticatorAsync(AppDbContext db, int userId) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == TokenProvider && TokenNames.Contains(t.Name))
            .ExecuteDeleteAsync();

    private IUserAuthenticatorKeyStore<AppUser> KeyStore => (IUserAuthenticatorKeyStore<AppUser>)userStore;

    private AuthenticatorSetup SetupOf(CurrentAccount account, string key)
    {
        var label = Uri.EscapeDataString($"{Issuer}:{account.UserName}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Issuer}&digits={Totp.Digits}";
        var protectedKey = _setupKeys.Protect(string.Create(CultureInfo.InvariantCulture, $"{account.Id}:{key}"));
        return new AuthenticatorSetup(key, protectedKey, uri);
    }

    private Task<AppUser?> FindAsync(CurrentAccount account) =>
        userManager.FindByIdAsync(account.Id.ToString(CultureInfo.InvariantCulture));

    private async Task<TwoFactorResult> RefuseAsync(string action, AppUser user, TwoFactorRefusal refusal, string reason)
    {
        db.ChangeTracker.Clear(); // nothing of the refused attempt rides along with its record
        await audit.RecordAsync(action, user.Id, user.UserName, succeeded: false, reason: reason);
        logger.LogInformation("Second-factor action {Action} refused for account {UserId}: {Reason}.", action, user.Id, reason);
        return TwoFactorResult.Refused(refusal);
    }

    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            // The transaction rolls back: neither the change nor its record lands.
            throw new ConcurrentSaveException();
        }
    }

    /// <summary>
    /// Runs a write; false when another request changed the account meanwhile: Identity's concurrency stamp refused the
    /// save, or a second set-up inserted the same key row first. The transaction is rolled back and the refusal
    /// answered with a message instead of a 500.
    /// </summary>
    private async Task<bool> SavedAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (e is ConcurrentSaveException or DbUpdateException)
        {
            logger.LogInformation("A second-factor change lost a race with another save of the same account.");
            return false;
        }
    }

    private sealed class ConcurrentSaveException : Exception;
}
