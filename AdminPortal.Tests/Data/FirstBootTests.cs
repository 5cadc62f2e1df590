using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Data;

public sealed class FirstBootTests
{
    private const string GeneratedPasswordLine = "with the generated password ";

    [Fact]
    public async Task The_principal_is_created_once_across_two_starts()
    {
        var first = new AppFactory().KeepingDatabase();
        await using (first)
        {
            _ = first.Services;
            Assert.Contains(first.Logs, l => l.Message.Contains("created the principal account 'root'"));
        }
        await using var second = new AppFactory().WithDatabaseOf(first); // a restart on the same database
        _ = second.Services;
        Assert.DoesNotContain(second.Logs, l => l.Message.Contains("created the principal account"));
        var principals = await second.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).ToListAsync());
        var principal = Assert.Single(principals);
        Assert.Equal(Roles.Root, principal.Role);
        var roles = await second.WithDbAsync(db => db.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync());
        Assert.Equal(["admin", "employee", "root", "vendor"], roles);
        var rootRoleHolders = await second.WithDbAsync(db =>
            db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Root)));
        Assert.Equal(1, rootRoleHolders);
    }

    [Fact]
    public async Task A_generated_password_is_logged_once_and_must_be_changed_at_first_sign_in()
    {
        await using var app = new AppFactory().With("AdminPortal:Root:Password", "");
        _ = app.Services;
        var line = Assert.Single(app.Logs, l => l.Message.Contains(GeneratedPasswordLine));
        Assert.Equal(LogLevel.Warning, line.Level);
        var password = line.Message[(line.Message.IndexOf(GeneratedPasswordLine, StringComparison.Ordinal) + GeneratedPasswordLine.Length)..].Split(' ')[0];
        Assert.Equal(20, password.Length);

        using var browser = app.CreateBrowser();
        var signIn = await browser.SignInAsync("root", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/ChangePassword", signIn.Headers.Location!.OriginalString);

        // Every other page leads back to the change, until it is done.
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/ChangePassword", home.Headers.Location!.OriginalString);

        var change = await browser.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var page = await browser.FollowAsync(change);
        Assert.Contains("Your password has been changed.", page.StatusMessage());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.IsPrincipal).Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Single(app.Logs, l => l.Message.Contains(GeneratedPasswordLine));
    }

    [Fact]
    public async Task A_configured_password_needs_no_change()
    {
        await using var app = new AppFactory();
        using var browser = await app.SignedInAsRootAsync();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.DoesNotContain(app.Logs, l => l.Message.Contains(AppFactory.RootPassword));
    }

    [Theory]
    [InlineData("AdminPortal:Root:UserName", "x", "AdminPortal:Root:UserName")]
    [InlineData("AdminPortal:Root:UserName", "has space", "AdminPortal:Root:UserName")]
    [InlineData("AdminPortal:Root:Email", "not-an-email", "AdminPortal:Root:Email")]
    [InlineData("AdminPortal:Root:Password", "short", "AdminPortal:Root:Password")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Database:Provider", "1", "Database:Provider")]
    [InlineData("ConnectionStrings:AdminPortal", "Data Source=", "ConnectionStrings:AdminPortal")]
    [InlineData("ConnectionStrings:AdminPortal", "Nonsense Key=1", "ConnectionStrings:AdminPortal")]
    [InlineData("AdminPortal:DefaultLanguage", "fr", "AdminPortal:DefaultLanguage")]
    [InlineData("AdminPortal:DefaultLanguage", "es-MX", "AdminPortal:DefaultLanguage")]
    [InlineData("AdminPortal:RequireTwoFactorFor", "Admins", "AdminPortal:RequireTwoFactorFor")]
    [InlineData("AdminPortal:RequireTwoFactorFor", "1", "AdminPortal:RequireTwoFactorFor")]
    public async Task Invalid_configuration_stops_the_start_naming_the_key(string key, string value, string named)
    {
        await using var app = new AppFactory().With(key, value);
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains(named, messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=App_Data/adminportal.db")]
    [InlineData("Host=db.example.com;Password=secret-in-the-string;Bogus=1")]
    [InlineData("Database=adminportal;Password=secret-in-the-string")]
    public async Task PostgreSql_without_a_PostgreSQL_connection_string_stops_the_start_naming_the_key_and_not_its_secret(string value)
    {
        await using var app = new AppFactory().With("Database:Provider", "PostgreSql").With("ConnectionStrings:AdminPortal", value);
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("ConnectionStrings:AdminPortal", messages);
        Assert.DoesNotContain("secret-in-the-string", messages);
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    [InlineData("postgresql", DatabaseProvider.PostgreSql)]
    public void The_provider_setting_takes_the_two_names_and_defaults_to_sqlite(string? value, DatabaseProvider expected) =>
        Assert.Equal(expected, DatabaseServiceExtensions.ParseProvider(value));

    [Fact]
    public void A_relative_database_path_is_placed_under_the_content_root()
    {
        var root = Path.Combine(Path.GetTempPath(), $"adminportal-root-{Guid.NewGuid():N}");
        try
        {
            var resolved = DatabaseServiceExtensions.ResolveConnectionString(null, root);
            Assert.Equal($"Data Source={Path.Combine(root, "App_Data", "adminportal.db")}", resolved);
            Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_root_options_validator_accepts_the_defaults()
    {
        var result = new RootAccountOptionsValidator().Validate(null, new RootAccountOptions());
        Assert.True(result.Succeeded);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
            if (current is OptionsValidationException validation)
            {
                foreach (var failure in validation.Failures)
                {
                    yield return new InvalidOperationException(failure);
                }
            }
        }
    }
}
