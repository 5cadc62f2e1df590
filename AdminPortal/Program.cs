using AdminPortal.Accounts;
using AdminPortal.Api;
using AdminPortal.Audit;
using AdminPortal.Data;
using AdminPortal.Email;
using AdminPortal.Infrastructure;
using AdminPortal.Limits;
using AdminPortal.PasswordReset;
using AdminPortal.Sessions;
using AdminPortal.TwoFactor;
using AdminPortal.Users;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddWeb();
builder.Services.AddDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAccounts();
builder.Services.AddTwoFactor();
builder.Services.AddSessions();
builder.Services.AddUserAdministration();
builder.Services.AddAccountSettings();
builder.Services.AddEmail();
builder.Services.AddPasswordReset();
builder.Services.AddAudit();

var app = builder.Build();

await app.InitializeDatabaseAsync();
if (await DemoSeeder.TryRunAsync(app.Services, args) || await AdminCommands.TryRunAsync(app.Services, args))
{
    return;
}

// First: the exception handler, HSTS and every cookie decide by the scheme the client used (through the proxy).
app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseRouting();
app.UseMiddleware<PageMethods>();
app.UseSharedRateLimits();
app.UseAuthenticationExceptOnTheErrorPage();
// After authentication: the session check reads the account, whose stored language comes first.
app.UseRequestLocalization();
app.UseMiddleware<MustChangePasswordMiddleware>();
app.UseMiddleware<TwoFactorRequiredMiddleware>();
app.UseAuthorization();

// Static files are public and answered straight from routing: no session check, no redirect.
app.MapStaticAssets().AllowAnonymous().ShortCircuit();
app.MapRazorPages().WithStaticAssets();
app.MapUserSuggestApi();
app.MapHealthChecks("/healthz").AllowAnonymous();

app.Run();

public partial class Program;
