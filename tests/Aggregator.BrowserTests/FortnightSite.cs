using Aggregator.Tests.Infrastructure;

namespace Aggregator.BrowserTests;

/// <summary>
/// The app on a loopback port with the sample fortnight (14 real days of Google News) replayed into it by the
/// <c>replay</c> verb, as <c>scripts/run.sh</c> shows it to a newcomer: the reader's path is photographed on real pages.
/// </summary>
public sealed class FortnightSite : IAsyncLifetime
{
    private readonly TestDatabase _database = new SeededTestDatabase();
    public LiveApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = LiveApp.Start(_database.ConnectionString, new Dictionary<string, string?>());
        var replay = await CliHarness.RunAsync(App.Factory.Services, "replay", "--topic", "us-china",
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-2026-06"));
        if (replay.ExitCode != 0) throw new InvalidOperationException($"the replay failed: {replay.Output}{replay.Error}");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
