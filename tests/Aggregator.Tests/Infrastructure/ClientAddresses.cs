using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The in-memory server gives every request the same (absent) client address, so per-client limits of one shared app
/// would count every test's requests together. With this filter a request comes from the address its
/// <see cref="Header"/> names; <see cref="AppFactory"/> gives each client it creates an address of its own when asked.
/// The addresses are only header values: nothing is sent to them.
/// </summary>
public sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client";

    private static int _lastClient;

    /// <summary>A new address in 198.18.0.0/15, the range set aside for benchmarking.</summary>
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref _lastClient);
        return $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 255}.{n & 255}";
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header], out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
