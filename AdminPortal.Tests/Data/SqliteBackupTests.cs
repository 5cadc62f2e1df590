using System.Diagnostics;
using System.Net;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Tests.Data;

/// <summary>
/// README "Backup and restore" on SQLite: a copy taken while the app runs (VACUUM INTO, and the sqlite3 tool's .backup
/// when it is installed) starts the app with every account in it. The PostgreSQL one (pg_dump/pg_restore) is tried by
/// deploy/two-instances.sh.
/// </summary>
public sealed class SqliteBackupTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private readonly List<AppFactory> _restored = [];

    public async ValueTask InitializeAsync()
    {
        if (_app.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("A SQLite backup; on PostgreSQL, deploy/two-instances.sh tries pg_dump and pg_restore.");
        }
        await _app.CreateUserAsync("backed-up", password: "backed-up-password");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var restored in _restored)
        {
            await restored.DisposeAsync();
        }
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_copy_made_with_vacuum_into_while_the_app_runs_restores_the_accounts()
    {
        var copy = Path.Combine(_app.Directory, "vacuum-into.db");
        await using (var connection = new SqliteConnection(_app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", copy);
            await command.ExecuteNonQueryAsync();
        }
        await AssertRestoresAsync(copy);
    }

    [Fact]
    public async Task A_copy_made_with_the_sqlite3_tools_backup_while_the_app_runs_restores_the_accounts()
    {
        if (!File.Exists("/usr/bin/sqlite3"))
        {
            Assert.Skip("The sqlite3 tool is not installed (apt-get install -y sqlite3).");
        }
        var copy = Path.Combine(_app.Directory, "dot-backup.db");
        using var sqlite3 = Process.Start(new ProcessStartInfo("/usr/bin/sqlite3", [_app.Database.Name, $".backup '{copy}'"])
        {
            RedirectStandardError = true,
        })!;
        await sqlite3.WaitForExitAsync();
        Assert.Equal(0, sqlite3.ExitCode);
        await AssertRestoresAsync(copy);
    }

    private async Task AssertRestoresAsync(string copy)
    {
        var restored = new AppFactory().With("ConnectionStrings:AdminPortal", $"Data Source={copy}");
        _restored.Add(restored);
        using var browser = restored.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("backed-up", "backed-up-password")).StatusCode);
    }
}
