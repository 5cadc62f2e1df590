using System.Collections.Concurrent;
using System.Net;
using AdminPortal.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// The real app over HTTP: its own database (SQLite, or PostgreSQL when <see cref="TestDatabase.PostgresVariable"/> is
/// set) migrated with the real migrations, antiforgery on, a clock the test moves, and every log line kept so tests can
/// read what was (and was not) logged.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string RootPassword = "root-password-for-tests";

    /// <summary>The request header that sets the client address the app sees (rate limits count per address).</summary>
    public const string ClientAddressHeader = ClientAddressStartupFilter.Header;

    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private int _nextClientAddress;
    private TestDatabase _database = TestDatabase.ForSuite();
    private bool _keepDatabase;

    public AppFactory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "adminportal-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        UseDatabase(_database);
        _settings["AdminPortal:Root:Password"] = RootPassword;
        _settings["Smtp:PickupDirectory"] = Path.Combine(Directory, "mail");
        // Tests that need the second-factor policy set it themselves.
        _settings["AdminPortal:RequireTwoFactorFor"] = "None";
    }

    /// <summary>A folder of this factory's own, deleted with it.</summary>
    public string Directory { get; }

    public FakeTimeProvider Clock { get; private set; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the app's clock at another time than the usual fixed one (before the app starts).</summary>
    public AppFactory StartingAt(DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        return this;
    }

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    public DatabaseProvider Provider => _database.Provider;

    public TestDatabase Database => _database;

    /// <summary>Leaves the database in place after this factory, for <see cref="WithDatabaseOf"/>.</summary>
    public AppFactory KeepingDatabase()
    {
        _keepDatabase = true;
        return this;
    }

    /// <summary>Starts on the database an earlier factory kept (a restart), and drops it after this one.</summary>
    public AppFactory WithDatabaseOf(AppFactory earlier)
    {
        UseDatabase(earlier._database);
        return this;
    }

    private void UseDatabase(TestDatabase database)
    {
        _database = database;
        _settings["Database:Provider"] = database.Provider.ToString();
        _settings["ConnectionStrings:AdminPortal"] = database.ConnectionString;
    }

    /// <summary>Sets a configuration value before the app starts (e.g. an empty root password).</summary>
    public AppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Adds services before the app starts, e.g. a test's own page filter.</summary>
    public AppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        _database.Create();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(new ListLoggerProvider(Logs)));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressStartupFilter>();
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    /// <summary>A cookie-keeping client that does not follow redirects, from a client address of its own.</summary>
    public HttpBrowser CreateBrowser(string? clientAddress = null)
    {
        // Not HandleCookies: its container dates cookies by the machine's clock, this one by the app's.
        var cookies = new CookieContainer();
        var client = CreateDefaultClient(new Uri("http://localhost"), new AppClockCookieHandler(cookies, Clock));
        // One read of the counter: two browsers made at once must not both read the later value (one address for two).
        var n = Interlocked.Increment(ref _nextClientAddress);
        clientAddress ??= $"10.0.{n / 250}.{n % 250 + 1}";
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, clientAddress);
        return new HttpBrowser(client) { Cookies = cookies };
    }

    public async Task<HttpBrowser> SignedInBrowserAsync(string login, string password)
    {
        var browser = CreateBrowser();
        var response = await browser.SignInAsync(login, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public Task<HttpBrowser> SignedInAsRootAsync() => SignedInBrowserAsync("root", RootPassword);

    /// <summary>Creates an active account straight through Identity, as an administrator would have.</summary>
    public async Task<AppUser> CreateUserAsync(string userName, string role = Roles.Employee, string password = "password-123",
        AccountStatus status = AccountStatus.Active, bool mustChangePassword = false, string? email = null)
    {
        _ = Services; // start the app (migrations, roles, principal) first
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName,
            Email = email ?? $"{userName}@example.com",
            DisplayName = $"{userName} display",
            Role = role,
            Status = status,
            MustChangePassword = mustChangePassword,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>Runs something against the app's database in a scope of its own.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_keepDatabase)
        {
            await _database.DropAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open is left in the temp folder, not a test failure
        }
        GC.SuppressFinalize(this);
    }

    private sealed class ClientAddressStartupFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

internal sealed class ListLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, logs);

    public void Dispose() { }

    private sealed class ListLogger(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
