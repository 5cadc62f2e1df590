using System.Net;
using System.Net.Sockets;
using AdminPortal.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Tests.Data;

/// <summary>
/// The database goes away while the app runs, then comes back: meanwhile /healthz answers 503 and pages answer the
/// error page (never a stack trace); afterwards the app works again by itself, signed-in users still signed in.
/// SQLite: the file is moved away (a folder takes its place, so even root cannot open it). PostgreSQL: the app reaches
/// the server through a TCP relay in the test, which is stopped (every connection cut, the port refused) and started.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TcpRelay? _relay;

    public async ValueTask InitializeAsync()
    {
        if (_app.Provider == DatabaseProvider.PostgreSql)
        {
            var server = new NpgsqlConnectionStringBuilder(_app.Database.ConnectionString);
            _relay = TcpRelay.Start(server.Host!, server.Port);
            server.Host = "127.0.0.1";
            server.Port = _relay.Port;
            _app.With("ConnectionStrings:AdminPortal", server.ConnectionString);
        }
        await _app.CreateUserAsync("outage-user", password: "outage-password");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _relay?.Dispose();
    }

    [Fact]
    public async Task While_the_database_is_away_pages_answer_the_error_page_and_the_app_recovers_when_it_returns()
    {
        using var signedIn = await _app.SignedInBrowserAsync("outage-user", "outage-password");
        using var anonymous = _app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);

        TakeDatabaseAway();
        try
        {
            var health = await anonymous.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            AssertNoStackTrace(await health.Content.ReadAsStringAsync());

            await AssertErrorPageAsync(await signedIn.GetAsync("/"));
            await AssertErrorPageAsync(await signedIn.GetAsync("/Users"));
            await AssertErrorPageAsync(await anonymous.SignInAsync("outage-user", "outage-password"));
        }
        finally
        {
            BringDatabaseBack();
        }

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        var home = await signedIn.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateBrowser().SignInAsync("outage-user", "outage-password")).StatusCode);
    }

    private static async Task AssertErrorPageAsync(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode >= 500, $"expected the error page, got {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        AssertNoStackTrace(html);
        var page = await HttpBrowser.ParseAsync(response);
        Assert.Contains("Something went wrong", page.QuerySelector("h1")?.TextContent ?? html);
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at AdminPortal", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", body, StringComparison.Ordinal);
    }

    private string Away => _app.Database.Name + ".away";

    private void TakeDatabaseAway()
    {
        if (_relay is not null)
        {
            _relay.Stop();
            return;
        }
        SqliteConnection.ClearAllPools(); // pooled connections would keep the moved file open
        File.Move(_app.Database.Name, Away);
        Directory.CreateDirectory(_app.Database.Name);
    }

    private void BringDatabaseBack()
    {
        if (_relay is not null)
        {
            _relay.Start();
            return;
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_app.Database.Name);
        File.Move(Away, _app.Database.Name);
    }

    /// <summary>
    /// Relays TCP connections to a server; stopping it cuts every connection and resets each new one. The listener
    /// keeps its port while stopped: given up and bound again, the port could meanwhile be taken by any outgoing
    /// connection on the machine (the suite opens many), and the restart would fail with "address in use".
    /// </summary>
    private sealed class TcpRelay : IDisposable
    {
        private readonly string _host;
        private readonly int _targetPort;
        private readonly List<TcpClient> _open = [];
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _running = new();
        private volatile bool _stopped;

        private TcpRelay(string host, int targetPort)
        {
            _host = host;
            _targetPort = targetPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync(_listener, _running.Token);
        }

        public int Port { get; }

        public static TcpRelay Start(string host, int port) => new(host, port);

        /// <summary>Relays again after <see cref="Stop"/>.</summary>
        public void Start() => _stopped = false;

        public void Stop()
        {
            _stopped = true;
            CutAll();
        }

        public void Dispose()
        {
            _stopped = true;
            _running.Cancel();
            _listener.Stop();
            CutAll();
        }

        private void CutAll()
        {
            lock (_open) // with the check in AcceptAsync: a connection is either cut here or not relayed
            {
                foreach (var client in _open)
                {
                    client.Dispose();
                }
                _open.Clear();
            }
        }

        private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                TcpClient incoming;
                try
                {
                    incoming = await listener.AcceptTcpClientAsync(cancellationToken);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                if (_stopped)
                {
                    // Reset at once, as a server that is down refuses the connection.
                    incoming.Client.LingerState = new LingerOption(true, 0);
                    incoming.Dispose();
                    continue;
                }
                var outgoing = new TcpClient();
                try
                {
                    await outgoing.ConnectAsync(_host, _targetPort, cancellationToken);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    incoming.Dispose();
                    outgoing.Dispose();
                    continue;
                }
                lock (_open)
                {
                    if (_stopped)
                    {
                        // Stopped while connecting: the cut must not miss this one.
                        incoming.Dispose();
                        outgoing.Dispose();
                        continue;
                    }
                    _open.Add(incoming);
                    _open.Add(outgoing);
                }
                _ = PipeAsync(incoming, outgoing);
                _ = PipeAsync(outgoing, incoming);
            }
        }

        private static async Task PipeAsync(TcpClient from, TcpClient to)
        {
            try
            {
                await from.GetStream().CopyToAsync(to.GetStream());
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
            {
                // the other side or Stop() closed the connection
            }
            from.Dispose();
            to.Dispose();
        }
    }
}
