using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.Extensions.Options;

namespace AdminPortal.Audit;

/// <summary>
/// <c>AdminPortal:KnownProxies</c>: addresses (<c>203.0.113.10</c>) or networks (<c>10.0.0.0/8</c>) of the reverse
/// proxies whose X-Forwarded-For is believed. Everyone else's forwarded headers are ignored, so a client cannot
/// write a made-up address into the audit log. Loopback stays trusted, as by default.
/// </summary>
public sealed class KnownProxiesOptions
{
    public const string Section = "AdminPortal";

    public List<string> KnownProxies { get; set; } = [];

    internal static bool TryParse(string value, out IPAddress? address, out IPNetwork? network)
    {
        address = null;
        network = null;
        value = value.Trim();
        if (value.Contains('/'))
        {
            if (IPNetwork.TryParse(value, out var parsed))
            {
                network = parsed;
                return true;
            }
            return false;
        }
        return IPAddress.TryParse(value, out address);
    }
}

internal sealed class KnownProxiesValidator : IValidateOptions<KnownProxiesOptions>
{
    public ValidateOptionsResult Validate(string? name, KnownProxiesOptions options)
    {
        var bad = options.KnownProxies.Where(p => !KnownProxiesOptions.TryParse(p, out _, out _)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"AdminPortal:KnownProxies holds something that is not an IP address or CIDR network: {string.Join(", ", bad)}");
    }
}

internal sealed class ConfigureForwardedHeadersFromKnownProxies(IOptions<KnownProxiesOptions> proxies) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        foreach (var proxy in proxies.Value.KnownProxies)
        {
            if (!KnownProxiesOptions.TryParse(proxy, out var address, out var network))
            {
                continue; // reported by KnownProxiesValidator at start
            }
            if (address is not null)
            {
                options.KnownProxies.Add(address);
            }
            else if (network is not null)
            {
                options.KnownIPNetworks.Add(network.Value);
            }
        }
    }
}
