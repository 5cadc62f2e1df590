using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Email;
using AdminPortal.Invitations;
using AdminPortal.PasswordReset;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Users;

public enum AcceptOutcome
{
    Succeeded,
    InvalidLink,
    PasswordRejected,
}

public sealed record AcceptResult(AcceptOutcome Outcome, IReadOnlyList<IdentityError> Errors, string? UserName = null);

/// <summary>
/// Invitations (DESIGN.md "Account lifecycle"): an Invited account has no password and one live link, a random token
/// stored only as its hash, valid <c>AdminPortal:InvitationLifetime</c>. Sending a new one replaces it; using it, disabling
/// or deleting the account kills it. The email leaves inside the write transaction, so a mail server that is down rolls
/// the whole change back.
/// </summary>
public sealed partial class UserAdministrationService
{
    public const string AcceptPath = "/Identity/Account/AcceptInvitation";

    /// <summary>"Resend invitation": a new link for an invited account; the old one dies.</summary>
    public async Task<UserAdministrationResult> ResendInvitationAsync(CurrentAccount actor, int id, CancellationToken cancellationToken = default)
    {
        var actorRefusal = UserRules.ActorManagesUsers(actor.Role);
        if (actorRefusal != UserRefusal.None)
        {
            return await RefuseAsync(AuditActions.UserInvitationSend, id, null, actorRefusal, cancellationToken);
        }
        return await InWriteTransactionAsync(AuditActions.UserInvitationSend, id, null, null, null, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
            {
                return Refused(UserRefusal.NotFound);
            }
            var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.UserId == id, cancellationToken);
            var refusal = UserRules.InvitationMayBeSent(AccountState.Of(user), invitation?.SentAt, time.GetUtcNow().UtcDateTime);
            if (refusal != UserRefusal.None)
            {
                return Refused(refusal, user.UserName);
            }
            var token = StageInvitation(user, invitation);
            await db.SaveChangesAsync(cancellationToken);
            if (!await TrySendInvitationAsync(user, token, cancellationToken))
            {
                return Refused(UserRefusal.EmailNotSent, user.UserName);
            }
            LogInvitationSent(logger, actor.UserName, user.UserName!, user.Id);
            return UserAdministrationResult.Success(user.Id);
        }, cancellationToken);
    }

    /// <summary>When the invitation link of an account expires, if it has one.</summary>
    public Task<DateTime?> InvitationExpiryAsync(int userId, CancellationToken cancellationToken = default) =>
        db.Invitations.Where(i => i.UserId == userId).Select(i => (DateTime?)i.ExpiresAt).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether the accept page may be shown for this link.</summary>
    public async Task<bool> IsInvitationUsableAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (invitation, user) = await FindInvitationAsync(token, cancellationToken);
        return invitation is not null && user is not null
            && UserRules.InvitationIsUsable(user.Status, invitation.ExpiresAt, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The holder chooses a password: the link dies, the account is Active, and its holder signs in as usual.</summary>
    public async Task<AcceptResult> AcceptInvitationAsync(string? token, string password, CancellationToken cancellationToken = default)
    {
        var (found, user) = await FindInvitationAsync(token, cancellationToken);
        if (found is null || user is null || !UserRules.InvitationIsUsable(user.Status, found.ExpiresAt, time.GetUtcNow().UtcDateTime))
        {
            await auditLog.RecordAsync(AuditActions.InvitationAccept, user?.Id, user?.UserName, succeeded: false,
                reason: found is null ? AuditReasons.InvitationUnknown : AuditReasons.InvitationExpired, cancellationToken: cancellationToken);
            return new AcceptResult(AcceptOutcome.InvalidLink, []);
        }
        var valid = await ValidatePasswordAsync(user, password);
        if (!valid.Succeeded)
        {
            await auditLog.RecordAsync(AuditActions.InvitationAccept, user.Id, user.UserName, succeeded: false,
                reason: AuditReasons.NewPasswordRejected, cancellationToken: cancellationToken);
            return new AcceptResult(AcceptOutcome.PasswordRejected, valid.Errors.ToList());
        }

        await using (var transaction = await BeginWriteTransactionAsync(cancellationToken))
        {
            // Read again under the write lock: a link used, replaced or killed meanwhile is refused.
            var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == found.Id && i.TokenHash == found.TokenHash, cancellationToken);
            var account = await db.Users.SingleAsync(u => u.Id == user.Id, cancellationToken);
            if (invitation is null || !UserRules.InvitationIsUsable(account.Status, invitation.ExpiresAt, time.GetUtcNow().UtcDateTime))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await auditLog.RecordAsync(AuditActions.InvitationAccept, user.Id, user.UserName, succeeded: false,
                    reason: AuditReasons.InvitationUnknown, cancellationToken: cancellationToken);
                return new AcceptResult(AcceptOutcome.InvalidLink, []);
            }
            db.Invitations.Remove(invitation);
            account.PasswordHash = userManager.PasswordHasher.HashPassword(account, password);
            account.Status = AccountStatus.Active;
            account.MustChangePassword = false;
            auditLog.Add(AuditActions.InvitationAccept, account.Id, account.UserName, new Dictionary<string, FieldChange>
            {
                [UserFields.Status] = new(nameof(AccountStatus.Invited), nameof(AccountStatus.Active)),
                [UserFields.Password] = new(null, "set"),
            });
            var saved = await userManager.UpdateSecurityStampAsync(account);
            if (!saved.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new AcceptResult(AcceptOutcome.PasswordRejected, saved.Errors.ToList());
            }
            await transaction.CommitAsync(cancellationToken);
        }
        LogInvitationAccepted(logger, user.UserName!, user.Id);
        return new AcceptResult(AcceptOutcome.Succeeded, [], user.UserName);
    }

    /// <summary>A new link for the account, replacing <paramref name="existing"/>, with its audit record; gives the token to email.</summary>
    private string StageInvitation(AppUser user, Invitation? existing)
    {
        var token = ResetSecrets.NewGrant();
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = existing ?? db.Invitations.Add(new Invitation { UserId = user.Id }).Entity;
        var oldExpiry = existing?.ExpiresAt.ToString("O");
        invitation.TokenHash = ResetSecrets.HashGrant(token);
        invitation.SentAt = now;
        invitation.ExpiresAt = now + invitationOptions.Value.InvitationLifetime;
        auditLog.Add(AuditActions.UserInvitationSend, user.Id, user.UserName, new Dictionary<string, FieldChange>
        {
            [AuditFields.InvitationExpiresAt] = new(oldExpiry, invitation.ExpiresAt.ToString("O")),
        });
        return token;
    }

    private async Task<bool> TrySendInvitationAsync(AppUser user, string token, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow().UtcDateTime + invitationOptions.Value.InvitationLifetime;
        try
        {
            await emailSender.SendAsync(accountEmails.Invitation(user.Email!, user.DisplayName, user.Language, user.UserName!,
                InvitationLink(token), expiresAt), cancellationToken);
            return true;
        }
        catch (EmailDeliveryException)
        {
            return false; // logged by the sender
        }
    }

    private string InvitationLink(string token) => $"{PublicOrigin()}{AcceptPath}?token={Uri.EscapeDataString(token)}";

    /// <summary>The origin links in emails point at: <c>AdminPortal:PublicOrigin</c>, else the request's.</summary>
    private string PublicOrigin() =>
        invitationOptions.Value.PublicOrigin is { Length: > 0 } configured ? configured.TrimEnd('/')
        : httpContextAccessor.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}"
        : "http://localhost";

    private Task KillInvitationAsync(int userId, CancellationToken cancellationToken) =>
        db.Invitations.Where(i => i.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    private async Task<(Invitation? Invitation, AppUser? User)> FindInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return (null, null);
        }
        var hash = ResetSecrets.HashGrant(token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        var user = invitation is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == invitation.UserId, cancellationToken);
        return (invitation, user);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} sent an invitation to account {UserName} ({UserId}).")]
    private static partial void LogInvitationSent(ILogger logger, string actor, string userName, int userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserName} ({UserId}) accepted its invitation.")]
    private static partial void LogInvitationAccepted(ILogger logger, string userName, int userId);
}
