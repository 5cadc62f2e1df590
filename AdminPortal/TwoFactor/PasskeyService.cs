using System.Buffers.Text;
using System.Globalization;
using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.TwoFactor;

public enum PasskeyRefusal
{
    None,
    UnknownAccount,
    NotFound,
    InvalidName,
    TooMany,
    CeremonyFailed,
    WrongPassword,
    LastFactor,
    ChangedMeanwhile,
}

/// <summary>One of the account's passkeys as the settings page lists it; <see cref="Id"/> is its credential id, base64url.</summary>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt, DateTime? LastUsedAt);

/// <summary>
/// One's own passkeys (issue 15), on ASP.NET Core Identity's passkey support: adding one (named, after the browser's
/// ceremony), renaming and removing. The rules follow the authenticator's: adding, like setting up the app, needs no
/// password and ends no session; removing, like turning the app off, asks for the current password, ends every other
/// session of the account and is refused for the last second factor of an account that must keep one. Every write is
/// audited, refusals included. Another account's passkey is never found by its id.
/// </summary>
public sealed class PasskeyService(
    UserManager<AppUser> userManager,
    AppSignInManager signInManager,
    AppDbContext db,
    WriteTransactions writeTransactions,
    AuditLog audit,
    TwoFactorService twoFactor,
    ILogger<PasskeyService> logger)
{
    public const int NameMaxLength = 50;
    public const int MaxPerAccount = 20;

    /// <summary>The audited field of a passkey's name (old → new).</summary>
    public const string AuditField = "Passkey";

    /// <summary>The audited field of how many passkeys an account had when a reset removed them all.</summary>
    public const string CountAuditField = "Passkeys";

    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(CurrentAccount account)
    {
        var rows = await db.UserPasskeys.AsNoTracking()
            .Where(p => p.UserId == account.Id)
            .Select(p => new { p.CredentialId, p.Data, LastUsedAt = EF.Property<DateTime?>(p, AppDbContext.PasskeyLastUsedAt) })
            .ToListAsync();
        return [.. rows.Select(r => new PasskeySummary(Base64Url.EncodeToString(r.CredentialId), r.Data.Name ?? "", r.Data.CreatedAt, r.LastUsedAt))
            .OrderBy(p => p.CreatedAt)];
    }

    public async Task<PasskeySummary?> FindAsync(CurrentAccount account, string? id) =>
        (await ListAsync(account)).FirstOrDefault(p => p.Id == id);

    /// <summary>The browser's creation options; the ceremony's state waits in Identity's short two-factor cookie.</summary>
    public Task<string> CreationOptionsAsync(CurrentAccount account) =>
        signInManager.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = account.Id.ToString(CultureInfo.InvariantCulture),
            Name = account.UserName,
            DisplayName = account.DisplayName,
        });

    /// <summary>Name rules: required, at most <see cref="NameMaxLength"/> characters, no control or format characters.</summary>
    public static string? NormalizeName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > NameMaxLength || !AccountFieldRules.IsPlainText(trimmed) ? null : trimmed;
    }

    /// <summary>Checks the browser's answer to the creation options and stores the new passkey under <paramref name="name"/>.</summary>
    public async Task<PasskeyRefusal> AddAsync(CurrentAccount account, string? name, string? credentialJson)
    {
        var user = await FindUserAsync(account);
        if (user is null)
        {
            return PasskeyRefusal.UnknownAccount;
        }
        if (NormalizeName(name) is not { } validName)
        {
            return await RefuseAsync(AuditActions.PasskeyAdd, user, PasskeyRefusal.InvalidName, AuditReasons.InvalidInput);
        }
        if (await db.UserPasskeys.CountAsync(p => p.UserId == user.Id) >= MaxPerAccount)
        {
            return await RefuseAsync(AuditActions.PasskeyAdd, user, PasskeyRefusal.TooMany, AuditReasons.TooManyPasskeys);
        }
        PasskeyAttestationResult attestation;
        try
        {
            attestation = string.IsNullOrEmpty(credentialJson)
                ? PasskeyAttestationResult.Fail(new PasskeyException("No credential was posted."))
                : await signInManager.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way for this browser (its short cookie expired or was never set).
            attestation = PasskeyAttestationResult.Fail(new PasskeyException("No passkey creation is under way."));
        }
        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id.ToString(CultureInfo.InvariantCulture))
        {
            logger.LogInformation("Passkey creation refused for account {UserId}: {Failure}", user.Id, attestation.Failure?.Message);
            return await RefuseAsync(AuditActions.PasskeyAdd, user, PasskeyRefusal.CeremonyFailed, AuditReasons.PasskeyCeremonyFailed);
        }
        var passkey = attestation.Passkey;
        passkey.Name = validName;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            audit.Add(AuditActions.PasskeyAdd, user.Id, user.UserName, NameChange(null, validName));
            if (!(await userManager.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
            {
                await transaction.RollbackAsync();
                return await RefuseAsync(AuditActions.PasskeyAdd, user, PasskeyRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
            }
            await transaction.CommitAsync();
        }
        logger.LogInformation("Account {UserId} added a passkey.", user.Id);
        return PasskeyRefusal.None;
    }

    public async Task<PasskeyRefusal> RenameAsync(CurrentAccount account, string? id, string? name)
    {
        var user = await FindUserAsync(account);
        if (user is null)
        {
            return PasskeyRefusal.UnknownAccount;
        }
        if (await FindPasskeyAsync(user, id) is not { } passkey)
        {
            return PasskeyRefusal.NotFound;
        }
        if (NormalizeName(name) is not { } validName)
        {
            return await RefuseAsync(AuditActions.PasskeyRename, user, PasskeyRefusal.InvalidName, AuditReasons.InvalidInput);
        }
        if (validName == passkey.Name)
        {
            return PasskeyRefusal.None;
        }
        var oldName = passkey.Name;
        passkey.Name = validName;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            audit.Add(AuditActions.PasskeyRename, user.Id, user.UserName, NameChange(oldName, validName));
            if (!(await userManager.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded)
            {
                await transaction.RollbackAsync();
                return await RefuseAsync(AuditActions.PasskeyRename, user, PasskeyRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
            }
            await transaction.CommitAsync();
        }
        logger.LogInformation("Account {UserId} renamed a passkey.", user.Id);
        return PasskeyRefusal.None;
    }

    /// <summary>
    /// Removes a passkey after the current password; every other session of the account ends (a new security stamp,
    /// this session signed in again), as when the authenticator is turned off. The last-factor check and the delete run
    /// under the accounts' write lock, so two removals at once cannot both take the last two factors.
    /// </summary>
    public async Task<PasskeyRefusal> RemoveAsync(CurrentAccount account, string? id, string currentPassword, string? currentSessionId)
    {
        var user = await FindUserAsync(account);
        if (user is null)
        {
            return PasskeyRefusal.UnknownAccount;
        }
        if (await FindPasskeyAsync(user, id) is not { } passkey)
        {
            return PasskeyRefusal.NotFound;
        }
        if (!await userManager.CheckPasswordAsync(user, currentPassword))
        {
            return await RefuseAsync(AuditActions.PasskeyRemove, user, PasskeyRefusal.WrongPassword, AuditReasons.WrongCurrentPassword);
        }
        db.SessionKeptOnRestamp = currentSessionId;
        await using (var transaction = await writeTransactions.BeginAsync(CancellationToken.None))
        {
            await db.Entry(user).ReloadAsync();
            var passkeys = await db.UserPasskeys.CountAsync(p => p.UserId == user.Id);
            if (twoFactor.IsRequiredFor(user.Role) && !user.TwoFactorEnabled && passkeys <= 1)
            {
                await transaction.RollbackAsync();
                return await RefuseAsync(AuditActions.PasskeyRemove, user, PasskeyRefusal.LastFactor, AuditReasons.LastSecondFactor);
            }
            var removed = await db.UserPasskeys.Where(p => p.UserId == user.Id && p.CredentialId == passkey.CredentialId).ExecuteDeleteAsync();
            if (removed == 0)
            {
                await transaction.RollbackAsync();
                return PasskeyRefusal.NotFound;
            }
            audit.Add(AuditActions.PasskeyRemove, user.Id, user.UserName, NameChange(passkey.Name, null));
            if (!(await userManager.UpdateSecurityStampAsync(user)).Succeeded)
            {
                await transaction.RollbackAsync();
                return await RefuseAsync(AuditActions.PasskeyRemove, user, PasskeyRefusal.ChangedMeanwhile, AuditReasons.ChangedMeanwhile);
            }
            await transaction.CommitAsync();
        }
        await signInManager.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} removed a passkey.", user.Id);
        return PasskeyRefusal.None;
    }

    /// <summary>Deletes every passkey of an account, in the caller's transaction (admin reset, <c>admin reset-root</c>).</summary>
    internal static Task<int> DeleteAllAsync(AppDbContext db, int userId) =>
        db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync();

    private async Task<UserPasskeyInfo?> FindPasskeyAsync(AppUser user, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048 || !Base64Url.IsValid(id))
        {
            return null;
        }
        // Looked up among this account's passkeys only: another account's id is not found.
        return await userManager.GetPasskeyAsync(user, Base64Url.DecodeFromChars(id));
    }

    private Task<AppUser?> FindUserAsync(CurrentAccount account) =>
        userManager.FindByIdAsync(account.Id.ToString(CultureInfo.InvariantCulture));

    private static Dictionary<string, FieldChange> NameChange(string? oldName, string? newName) =>
        new() { [AuditField] = new(oldName, newName) };

    private async Task<PasskeyRefusal> RefuseAsync(string action, AppUser user, PasskeyRefusal refusal, string reason)
    {
        db.ChangeTracker.Clear();
        await audit.RecordAsync(action, user.Id, user.UserName, succeeded: false, reason: reason);
        logger.LogInformation("Passkey action {Action} refused for account {UserId}: {Reason}.", action, user.Id, reason);
        return refusal;
    }
}
