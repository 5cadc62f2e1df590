using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (SmtpServer package) on a free loopback port, keeping every message MailKit sends to it.
/// Point the app at it with <c>app.With("Smtp:Host", "127.0.0.1").With("Smtp:Port", smtp.Port)</c>.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store;
    private readonly Task _running;
    private Socket? _reserved;

    // Named apart from every other test's server: the greeting tells this one from another that took the same port.
    private readonly string _name = $"smtp-test-{Guid.NewGuid():N}";

    private SmtpTestServer(int port)
    {
        Port = port;
        _store = new Store(Messages);
        var options = new SmtpServerOptionsBuilder()
            .ServerName(_name)
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>While true the server answers every message with "554 Transaction failed".</summary>
    public bool Refuse
    {
        get => _store.Refuse;
        set => _store.Refuse = value;
    }

    /// <summary>
    /// A server on a free port. The port is found free and then bound, so between the two another test (or an outgoing
    /// connection) can take it: then this server failed to bind, or the port answers with someone else's server. Both
    /// are seen here, and another port is tried.
    /// </summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new SmtpTestServer(FreePort());
            if (await server.IsListeningAsync())
            {
                return server;
            }
            await server.DisposeAsync();
            if (attempt == 5)
            {
                throw new InvalidOperationException($"The test SMTP server did not start (last on port {server.Port}).");
            }
        }
    }

    /// <summary>The messages sent to <paramref name="address"/>, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>
    /// Stops the server; its port stays reserved (bound, not listening: a connection is refused) until disposal, so no
    /// other test's server can start on it and take this app's mail while this one is meant to be down.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }
        try
        {
            await _running;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            // stopped, or it never bound its port (StartAsync tries another)
        }
        if (_reserved is null)
        {
            var reserved = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                reserved.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                reserved.Bind(new IPEndPoint(IPAddress.Loopback, Port));
                _reserved = reserved;
            }
            catch (SocketException)
            {
                reserved.Dispose(); // someone else holds it already: then it is not this server's to keep
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _reserved?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Whether this server answers on its port (and not another's that took the port first).</summary>
    private async Task<bool> IsListeningAsync()
    {
        for (var i = 0; i < 250 && !_running.IsCompleted; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream());
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var greeting = await reader.ReadLineAsync(timeout.Token);
                return greeting is not null && greeting.Contains(_name, StringComparison.Ordinal);
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                return false;
            }
        }
        return false; // it stopped: the port could not be bound
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public volatile bool Refuse;

        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return SmtpServer.Protocol.SmtpResponse.TransactionFailed;
            }
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
