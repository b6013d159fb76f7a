using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

/// <summary>Resolves host names to addresses: the system's DNS, or a test's own table. The seam the address guard checks through.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsHostResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>A feed's host resolved only to addresses feeds may not be fetched from.</summary>
public sealed class BlockedAddressException(string host, IPAddress address)
    : HttpRequestException($"{host} resolves to {address}, a non-public address feeds may not be fetched from");

/// <summary>
/// Connects feed requests only to public addresses. It runs when each connection is made (so every redirect hop,
/// every host spelling — decimal IPs, IPv6, names that resolve inward — is checked against the address actually
/// dialled): loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges are
/// refused before any connection is attempted, unless listed in <see cref="FetchOptions.AllowedAddresses"/>.
/// </summary>
public sealed class PublicAddressGuard(IHostResolver resolver, IOptions<FetchOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        var allowed = addresses.Where(IsAllowed).ToList();
        if (allowed.Count == 0)
            throw addresses.Length == 0 ? new HttpRequestException($"{host} has no address") : new BlockedAddressException(host, addresses[0]);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsAllowed(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IsPublic(normalized) || options.Value.AllowedAddresses.Any(a => IPAddress.TryParse(a, out var ok) && ok.Equals(normalized));
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)      // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                    // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)         // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));   // benchmarking
        }
        var v6 = address.GetAddressBytes();
        // Forms that carry an IPv4 address inside: the embedded one decides (NAT64 64:ff9b::/96 reaches it through a
        // gateway, 6to4 2002::/16 and Teredo 2001::/32 through relays, the deprecated ::a.b.c.d and ::ffff:0:a.b.c.d
        // on some stacks directly).
        if (EmbeddedIPv4(v6) is { } embedded) return IsPublic(embedded);
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC                              // unique local fc00::/7
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8) // documentation
            || (v6[0] == 0x01 && v6[1] == 0x00 && v6[2..8].All(b => b == 0))      // discard-only 100::/64
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B && v6[4] == 0x00 && v6[5] == 0x01)); // local-use NAT64 64:ff9b:1::/48
    }

    private static IPAddress? EmbeddedIPv4(byte[] v6)
    {
        static bool Zero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xFF && v6[3] == 0x9B && Zero(v6.AsSpan(4, 8)))
            return new IPAddress(v6[12..16]);                                     // NAT64 64:ff9b::/96
        if (v6[0] == 0x20 && v6[1] == 0x02)
            return new IPAddress(v6[2..6]);                                       // 6to4 2002:a.b.c.d::/48
        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x00 && v6[3] == 0x00)
            return new IPAddress(v6[12..16].Select(b => (byte)~b).ToArray());     // Teredo: the client's address, inverted
        if (Zero(v6.AsSpan(0, 12)))
            return new IPAddress(v6[12..16]);                                     // IPv4-compatible ::a.b.c.d (and ::, ::1)
        if (Zero(v6.AsSpan(0, 8)) && v6[8] == 0xFF && v6[9] == 0xFF && v6[10] == 0 && v6[11] == 0)
            return new IPAddress(v6[12..16]);                                     // IPv4-translated ::ffff:0:a.b.c.d
        return null;
    }
}
