using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Replay;

/// <summary>
/// The bundled fortnight (14 real days of Google News, <c>samples/google-news/real-2026-06/</c>) replayed into a fresh
/// database by the <c>replay</c> verb, as <c>scripts/run.sh</c> does for a newcomer; shared by the classes that read it
/// (<see cref="SampleFortnightReaders"/>).
/// </summary>
public sealed class SampleFortnight : IAsyncLifetime
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-2026-06");
    public static readonly DateOnly FirstDay = new(2026, 6, 1);
    public static readonly DateOnly LastDay = new(2026, 6, 14);

    public TestDatabase Database { get; } = new SeededTestDatabase();
    /// <summary>The app on a loopback port, so a browser can read the fortnight too (<c>FortnightPathTests</c>).</summary>
    public LiveApp Site { get; private set; } = null!;
    public AppFactory App => Site.Factory;
    public CliResult Replay { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Site = LiveApp.Start(Database.ConnectionString, new Dictionary<string, string?>());
        await using (var scope = App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
        Replay = await CliHarness.RunAsync(App.Services, "replay", "--topic", "us-china", Directory);
    }

    public async Task DisposeAsync()
    {
        await Site.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>The classes that read the replayed fortnight share one replay: it runs the model and builds 14 digests.</summary>
[CollectionDefinition(Name)]
[RunsLong(40)]
public sealed class SampleFortnightReaders : ICollectionFixture<SampleFortnight>
{
    public const string Name = "sample fortnight";
}
