using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Infrastructure;

/// <summary>The app on a real Kestrel port of 127.0.0.1, so a browser can reach it.</summary>
public sealed class LiveApp : IAsyncDisposable
{
    public AppFactory Factory { get; }
    public Uri BaseUri { get; }

    private LiveApp(AppFactory factory, Uri baseUri)
    {
        Factory = factory;
        BaseUri = baseUri;
    }

    public static LiveApp Start(string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        // Kestrel serves plain HTTP on loopback here, so sign-in cookies cannot be Secure-only.
        var factory = new AppFactory(connectionString, new Dictionary<string, string?>(settings) { ["Hosting:SecureCookies"] = "false" });
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveApp(factory, new Uri(address));
    }

    public Uri Url(string path) => new(BaseUri, path);

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
