using Aggregator.Caching;
using Aggregator.Fetching;
using Aggregator.Ingestion;
using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The app's pipeline services (storage, fetching, ingestion) wired exactly as the app wires them, without a web
/// server or scheduler: for tests that drive the pipeline directly.
/// </summary>
public static class TestServices
{
    public static readonly IReadOnlyDictionary<string, string?> FastFetching = new Dictionary<string, string?>
    {
        ["Fetching:Timeout"] = "00:00:01",
        ["Fetching:RetryBaseDelay"] = "00:00:00.010",
        ["Fetching:PerHostPause"] = "00:00:00",
        ["Fetching:MaxRetries"] = "2",
        // The test feed server listens on loopback, which feeds may not use otherwise.
        ["Fetching:AllowedAddresses:0"] = "127.0.0.1",
        ["Fetching:AllowedAddresses:1"] = "::1",
    };

    public static ServiceProvider Create(string connectionString, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Aggregator"] = connectionString });
        builder.Configuration.AddInMemoryCollection(FastFetching);
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddStorage();
        builder.AddFetching();
        builder.Services.AddIngestion();
        builder.Services.AddStories();
        builder.Services.AddReaderPageCache();
        configure?.Invoke(builder.Services);
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
