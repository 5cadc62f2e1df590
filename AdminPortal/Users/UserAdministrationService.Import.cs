using AdminPortal.Accounts;
using AdminPortal.Audit;
using AdminPortal.Data;
using Microsoft.AspNetCore.Identity;

namespace AdminPortal.Users;

/// <summary>What creating one account would meet, found without writing anything: nothing (empty), or a duplicate, or invalid fields.</summary>
public sealed record NewAccountCheck(UserAdministrationResult Result, bool Duplicate);

/// <summary>What an import created: its audit entries (two per account, its creation and its invitation) share <see cref="BatchId"/>.</summary>
public sealed record ImportResult(string BatchId, int Created, int Refused);

/// <summary>
/// The CSV import (DESIGN.md "Account lifecycle"): each row is judged by exactly the checks of one-by-one creation (who
/// may create which role, the field rules of rule 11, Identity's user name, email and uniqueness validators), first as a
/// dry run for the preview, then for real, row by row through <see cref="CreateAsync"/>, as invitations.
/// </summary>
public sealed partial class UserAdministrationService
{
    /// <summary>The checks <see cref="CreateAsync"/> makes before it writes, without writing (not even a refusal record).</summary>
    public async Task<NewAccountCheck> CheckNewAccountAsync(CurrentAccount actor, NewAccount input, CancellationToken cancellationToken = default)
    {
        var refusal = UserRules.First(UserRules.ActorManagesUsers(actor.Role), UserRules.RoleIsAssignable(input.Role));
        if (refusal != UserRefusal.None)
        {
            return new NewAccountCheck(Refused(refusal), false);
        }
        if ((InvalidFields(input.Email, input.DisplayName) ?? InvalidLanguage(input.Language)) is { } invalid)
        {
            return new NewAccountCheck(invalid, false);
        }
        var user = new AppUser { UserName = input.UserName, Email = input.Email, DisplayName = input.DisplayName, Role = input.Role };
        var errors = new List<IdentityError>();
        foreach (var validator in userManager.UserValidators)
        {
            errors.AddRange((await validator.ValidateAsync(userManager, user)).Errors);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (errors.Count == 0)
        {
            return new NewAccountCheck(UserAdministrationResult.Success(0), false);
        }
        var duplicate = errors.All(e => e.Code is "DuplicateUserName" or "DuplicateEmail");
        return new NewAccountCheck(Invalid(IdentityResult.Failed([.. errors])), duplicate);
    }

    /// <summary>
    /// Creates the accounts as invitations, one by one through <see cref="CreateAsync"/> (each in its own transaction, its
    /// email sent before its commit), their audit entries sharing one batch id. A row refused now (taken meanwhile, the
    /// mail server down) is recorded as refused and the others go on.
    /// </summary>
    public async Task<ImportResult> ImportAsync(CurrentAccount actor, IReadOnlyList<NewAccount> accounts, CancellationToken cancellationToken = default)
    {
        var batchId = Guid.NewGuid().ToString("N");
        auditLog.BatchId = batchId;
        try
        {
            var (created, refused) = (0, 0);
            foreach (var account in accounts)
            {
                var result = await CreateAsync(actor, account with { Password = null }, cancellationToken);
                if (result.Succeeded)
                {
                    created++;
                }
                else
                {
                    refused++;
                }
            }
            LogImport(logger, actor.UserName, batchId, created, refused);
            return new ImportResult(batchId, created, refused);
        }
        finally
        {
            auditLog.BatchId = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} imported accounts from a CSV file (batch {BatchId}): {Created} created, {Refused} refused.")]
    private static partial void LogImport(ILogger logger, string actor, string batchId, int created, int refused);
}
