using AdminPortal.Accounts;
using AdminPortal.Data;
using AdminPortal.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddWeb();
builder.Services.AddDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAccounts();
builder.Services.AddAccountSettings();

var app = builder.Build();

await app.InitializeDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<MustChangePasswordMiddleware>();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/healthz").AllowAnonymous();

app.Run();

public partial class Program;
