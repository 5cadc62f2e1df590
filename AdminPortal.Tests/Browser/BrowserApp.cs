using System.Net;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Browser;

/// <summary>The real app served by Kestrel on 127.0.0.1 and a free port, so a real browser can reach it.</summary>
public sealed class BrowserApp : AppFactory
{
    public BrowserApp() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the app answers, e.g. http://127.0.0.1:40123 (known once <see cref="Start"/> ran).</summary>
    public Uri Address { get; private set; } = null!;

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
        Address = new Uri(addresses.Single());
        return this;
    }
}
