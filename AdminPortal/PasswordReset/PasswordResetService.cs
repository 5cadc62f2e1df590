using System.Diagnostics;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.PasswordReset;

public enum CodeRequestOutcome
{
    /// <summary>The same answer whether a code was sent, the account is unknown or disabled, or the cooldown held it back.</summary>
    Accepted,
    EmailNotSent,
}

public enum ResetOutcome
{
    Succeeded,
    InvalidGrant,
    PasswordRejected,
}

public sealed record ResetResult(ResetOutcome Outcome, IReadOnlyList<IdentityError> Errors);

/// <summary>
/// Every rule of the reset wizard (DESIGN.md "Password reset wizard"): codes, attempts, cooldown, grants and the
/// password change itself. The pages only carry the wizard's state and show the outcome.
/// </summary>
public sealed class PasswordResetService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    EmailSender emailSender,
    AccountEmails accountEmails,
    AuditLog auditLog,
    SendDurationEqualizer equalizer,
    IOptions<PasswordResetOptions> options,
    TimeProvider time,
    ILogger<PasswordResetService> logger)
{
    private readonly PasswordResetOptions _options = options.Value;

    /// <summary>Step 1. Sends a new code to an active account; unknown and disabled accounts get no email.</summary>
    public async Task<CodeRequestOutcome> RequestCodeAsync(string email, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var user = await FindByEmailAsync(email, cancellationToken);
        var refusal = user switch
        {
            null => "No account uses this email.",
            { Status: not AccountStatus.Active } => "The account is disabled.",
            _ => null,
        };
        var now = time.GetUtcNow().UtcDateTime;
        var codes = user is null ? [] : await db.PasswordResetCodes.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        if (refusal is null && codes.Any(c => c.UsedAt is null && now - c.CreatedAt < PasswordResetOptions.ResendCooldown))
        {
            refusal = "A code was sent less than 60 seconds ago.";
        }
        if (refusal is not null)
        {
            await RecordRefusalAsync(AuditActions.ResetRequest, user, refusal, cancellationToken);
            // No email goes out, but the answer is the one a send would get: "could not send" while the mail
            // server is down, and after about as long as sending takes. Neither tells whether the account exists.
            try
            {
                await emailSender.CheckReachableAsync(cancellationToken);
            }
            catch (EmailDeliveryException)
            {
                return CodeRequestOutcome.EmailNotSent;
            }
            await equalizer.WaitAsync(started, cancellationToken);
            return CodeRequestOutcome.Accepted;
        }

        var code = ResetSecrets.NewCode();
        try
        {
            await emailSender.SendAsync(accountEmails.ResetCode(user!.Email!, user.DisplayName, user.Language, code, _options.CodeLifetime), cancellationToken);
        }
        catch (EmailDeliveryException)
        {
            // Nothing was stored yet, so the code that never left cannot be used; an earlier code stays as it was.
            await RecordRefusalAsync(AuditActions.ResetRequest, user, "The email could not be sent.", cancellationToken);
            return CodeRequestOutcome.EmailNotSent;
        }

        // A new code replaces every earlier one, in the same transaction that stores it and writes the audit entry.
        // An account has one row at most (a unique index): of two requests that crossed, the second to save fails
        // here and its code, already sent, is never stored — there are never two live codes.
        db.PasswordResetCodes.RemoveRange(codes);
        db.PasswordResetCodes.Add(new PasswordResetCode
        {
            UserId = user.Id,
            CodeHash = ResetSecrets.HashCode(user.Id, code),
            CreatedAt = now,
            ExpiresAt = now + _options.CodeLifetime,
        });
        auditLog.Add(AuditActions.ResetRequest, user.Id, user.UserName);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning("Two reset code requests for account {UserId} crossed; the code of the other one is the live one.", user.Id);
            await RecordRefusalAsync(AuditActions.ResetRequest, user,
                "Another request for this account stored its code at the same moment.", cancellationToken);
        }
        equalizer.Record(Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Sent a password reset code to account {UserId}.", user.Id);
        return CodeRequestOutcome.Accepted;
    }

    /// <summary>Step 2. The right code is exchanged for a single-use grant; anything else gives null.</summary>
    public async Task<string?> VerifyCodeAsync(string email, string code, CancellationToken cancellationToken = default)
    {
        var user = await FindByEmailAsync(email, cancellationToken);
        if (user is not { Status: AccountStatus.Active })
        {
            ResetSecrets.HashCode(0, code); // about the same work as a real comparison
            await RecordRefusalAsync(AuditActions.ResetVerifyFailure, user,
                user is null ? AuditReasons.NoAccountForEmail : AuditReasons.Disabled, cancellationToken);
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.PasswordResetCodes.AsNoTracking()
            .Where(c => c.UserId == user.Id && c.UsedAt == null)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return await FailAsync(user, AuditReasons.NoCodeWaiting, cancellationToken);
        }

        // The try, its outcome and its audit record are written together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Take the attempt before comparing, in one conditional UPDATE: parallel guesses cannot share one attempt.
        var max = _options.MaxAttempts;
        var taken = await db.PasswordResetCodes
            .Where(c => c.Id == row.Id && c.UsedAt == null && c.FailedAttempts < max)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
        var failure = taken == 0 ? AuditReasons.With(AuditReasons.CodeDead, max)
            : row.ExpiresAt <= now ? AuditReasons.CodeExpired
            : !ResetSecrets.CodeMatches(row.CodeHash, user.Id, code) ? AuditReasons.With(AuditReasons.WrongCode, row.FailedAttempts + 1, max)
            : null;
        string? grant = null;
        if (failure is null)
        {
            // Right: give the attempt back and use the code up, in exchange for a grant stored only as a hash.
            grant = ResetSecrets.NewGrant();
            var grantHash = ResetSecrets.HashGrant(grant);
            var grantExpiresAt = now + PasswordResetOptions.GrantLifetime;
            var exchanged = await db.PasswordResetCodes
                .Where(c => c.Id == row.Id && c.UsedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.FailedAttempts, c => c.FailedAttempts - 1)
                    .SetProperty(c => c.UsedAt, now)
                    .SetProperty(c => c.GrantHash, grantHash)
                    .SetProperty(c => c.GrantExpiresAt, grantExpiresAt), cancellationToken);
            failure = exchanged == 1 ? null : AuditReasons.CodeUsedMeanwhile;
        }
        if (failure is null)
        {
            await auditLog.RecordAsync(AuditActions.ResetVerifySuccess, user.Id, user.UserName, cancellationToken: cancellationToken);
        }
        else
        {
            await FailAsync(user, failure, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return failure is null ? grant : null;
    }

    /// <summary>Whether step 3 may be shown for this grant.</summary>
    public async Task<bool> IsGrantValidAsync(string? grant, CancellationToken cancellationToken = default) =>
        await FindGrantAsync(grant, cancellationToken) is not null;

    /// <summary>Step 3. Sets the password, uses the grant up and ends every session of the account.</summary>
    public async Task<ResetResult> ResetPasswordAsync(string? grant, string newPassword, CancellationToken cancellationToken = default)
    {
        var row = await FindGrantAsync(grant, cancellationToken);
        var user = row is null ? null
            : await userManager.FindByIdAsync(row.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (row is null || user is not { Status: AccountStatus.Active })
        {
            await RecordRefusalAsync(AuditActions.ResetComplete, user,
                row is null ? "No valid grant (unknown, used or expired)." : "The account is disabled.", cancellationToken);
            return new ResetResult(ResetOutcome.InvalidGrant, []);
        }

        // Check the password before using the grant up, so a too-short password can be corrected on the same page.
        var errors = new List<IdentityError>();
        foreach (var validator in userManager.PasswordValidators)
        {
            var validation = await validator.ValidateAsync(userManager, user, newPassword);
            errors.AddRange(validation.Errors);
        }
        if (errors.Count > 0)
        {
            await RecordRefusalAsync(AuditActions.ResetComplete, user, AuditReasons.NewPasswordRejected, cancellationToken);
            return new ResetResult(ResetOutcome.PasswordRejected, errors);
        }

        // The grant is used up, the password set and the record written together: a late refusal keeps the grant.
        var now = time.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var consumed = await db.PasswordResetCodes
                .Where(c => c.Id == row.Id && c.GrantUsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.GrantUsedAt, now), cancellationToken);
            if (consumed == 0)
            {
                await RecordRefusalAsync(AuditActions.ResetComplete, user, "The grant was used meanwhile.", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new ResetResult(ResetOutcome.InvalidGrant, []);
            }

            // Identity's reset path: hashes the password and renews the security stamp, which ends every session
            // at its next request (SessionValidation). Its SaveChanges also writes the staged audit entry.
            var token = await userManager.GeneratePasswordResetTokenAsync(user);
            // Whoever holds the code chose this password: no forced change, and no sign-in lockout left over from
            // the guesses that made them reset it.
            var changes = new Dictionary<string, FieldChange>();
            if (user.MustChangePassword)
            {
                changes[nameof(AppUser.MustChangePassword)] = new("True", "False");
            }
            if (user.LockoutEnd > time.GetUtcNow())
            {
                changes["LockedOutUntil"] = new(user.LockoutEnd.Value.UtcDateTime.ToString("O"), null);
            }
            user.MustChangePassword = false;
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            auditLog.Add(AuditActions.ResetComplete, user.Id, user.UserName, changes);
            var result = await userManager.ResetPasswordAsync(user, token, newPassword);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear(); // the staged success record goes too
                await RecordRefusalAsync(AuditActions.ResetComplete, user, AuditReasons.NewPasswordRejected, cancellationToken);
                return new ResetResult(ResetOutcome.PasswordRejected, result.Errors.ToList());
            }
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogInformation("Account {UserId} reset its password with an emailed code; every session ends.", user.Id);

        try
        {
            await emailSender.SendAsync(accountEmails.PasswordChanged(user.Email!, user.DisplayName, user.Language, time.GetUtcNow()), cancellationToken);
        }
        catch (EmailDeliveryException)
        {
            // The password is changed either way; the failure is logged by the sender.
        }
        return new ResetResult(ResetOutcome.Succeeded, []);
    }

    private async Task<PasswordResetCode?> FindGrantAsync(string? grant, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(grant) || grant.Length > 100)
        {
            return null;
        }
        var hash = ResetSecrets.HashGrant(grant);
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.PasswordResetCodes.AsNoTracking().FirstOrDefaultAsync(c => c.GrantHash == hash, cancellationToken);
        return row is { GrantUsedAt: null } && row.GrantExpiresAt > now ? row : null;
    }

    private async Task<AppUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = userManager.NormalizeEmail(email.Trim());
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
    }

    private async Task<string?> FailAsync(AppUser user, string reason, CancellationToken cancellationToken)
    {
        await RecordRefusalAsync(AuditActions.ResetVerifyFailure, user, reason, cancellationToken);
        return null;
    }

    /// <summary>A refused step, recorded on its own with the account it named, if any.</summary>
    private Task RecordRefusalAsync(string action, AppUser? user, string reason, CancellationToken cancellationToken) =>
        auditLog.RecordAsync(action, user?.Id, user?.UserName, succeeded: false, reason: reason, cancellationToken: cancellationToken);
}
