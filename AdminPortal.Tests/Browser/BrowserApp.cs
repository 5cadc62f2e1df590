using System.Net;
using System.Net.Sockets;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Browser;

/// <summary>The real app served by Kestrel on 127.0.0.1 and a free port, so a real browser can reach it.</summary>
public sealed class BrowserApp : AppFactory
{
    // 0 lets Kestrel pick; read when the server starts.
    private int _port;
    private bool _localhost;

    public BrowserApp() => UseKestrel(options => options.Listen(IPAddress.Loopback, _port));

    /// <summary>Where the app answers, e.g. http://127.0.0.1:40123 (known once <see cref="Start"/> ran).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>
    /// Browsed as http://localhost:PORT, that origin configured as AdminPortal:PublicOrigin (the passkeys' relying
    /// party). WebAuthn refuses an IP address such as 127.0.0.1 as a relying party ("This is an invalid domain"),
    /// and localhost is a secure context without TLS. The port is chosen before the start, since the origin is
    /// configuration.
    /// </summary>
    public BrowserApp AtLocalhost()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _localhost = true;
        With("AdminPortal:PublicOrigin", $"http://localhost:{_port}");
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A browser asks for compressed files, which an unpublished build keeps under obj/: the static web assets
        // manifest points there, as it does in Development. (The published app serves them from its wwwroot.)
        builder.UseStaticWebAssets();
    }

    public BrowserApp Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.Single());
        Address = _localhost ? new UriBuilder(address) { Host = "localhost" }.Uri : address;
        return this;
    }
}
