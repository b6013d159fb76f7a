namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// One database (seeded, as the app leaves it after its first start) and the real app on it, for a test class whose tests leave nothing behind that another would see:
/// started once per class rather than once per test.
/// </summary>
public class ClassApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new SeededTestDatabase();
    public AppFactory App { get; private set; } = null!;

    /// <summary>True where the class's tests sign in, each from its own client (<see cref="ClientAddressFromHeader"/>).</summary>
    protected virtual bool EachClientItsOwnAddress => false;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppFactory(Database.ConnectionString, eachClientItsOwnAddress: EachClientItsOwnAddress);
        _ = App.Services;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>A <see cref="ClassApp"/> whose clients each sign in from an address of their own, so per-client limits keep tests apart.</summary>
public sealed class ClassAppOfSeparateClients : ClassApp
{
    protected override bool EachClientItsOwnAddress => true;
}
