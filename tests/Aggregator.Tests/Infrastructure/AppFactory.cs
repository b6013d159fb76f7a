using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The real app (Program) in memory, on a test class's own database, with any settings a test overrides.
/// Unless a test says otherwise, feeds are replayed from an empty directory, so the scheduled fetch that runs at
/// start-up never reaches for the network. A test of scheduled work passes a clock of its own. A class that shares one
/// app among tests that each sign in asks for <paramref name="eachClientItsOwnAddress"/>, so per-client limits count
/// each client apart (<see cref="ClientAddressFromHeader"/>).
/// </summary>
public sealed class AppFactory(
    string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null, bool eachClientItsOwnAddress = false)
    : WebApplicationFactory<Program>
{
    /// <summary>The key every test instance encrypts its stored data-protection keys with (instances must share it).</summary>
    public const string TestKeyEncryptionKey = "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=";

    private readonly string _emptyReplayDirectory = Directory.CreateTempSubdirectory("aggregator-replay-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Aggregator", connectionString);
        builder.UseSetting("Scheduler:PollingInterval", "00:00:01");
        builder.UseSetting("Fetching:ReplayDirectory", _emptyReplayDirectory);
        builder.UseSetting("Fetching:AllowedAddresses:0", "127.0.0.1");
        builder.UseSetting("DataProtection:KeyEncryptionKey", TestKeyEncryptionKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        if (clock is not null)
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        if (eachClientItsOwnAddress)
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        if (eachClientItsOwnAddress) client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, ClientAddressFromHeader.NextAddress());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_emptyReplayDirectory, recursive: true);
    }
}
