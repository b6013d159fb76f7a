namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// One database (seeded, as the app leaves it after its first start) and the real app on it, for a test class whose tests leave nothing behind that another would see:
/// started once per class rather than once per test.
/// </summary>
public sealed class ClassApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new SeededTestDatabase();
    public AppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppFactory(Database.ConnectionString);
        _ = App.Services;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
