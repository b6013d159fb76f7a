namespace Aggregator.Tests.Infrastructure;

/// <summary>Base of tests that run verbs in-process: the real app in memory on the class's database, started per test.</summary>
public abstract class InProcessCliTest(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    protected AppFactory App { get; private set; } = null!;

    protected TestDatabase Database => database;

    public Task InitializeAsync()
    {
        App = new AppFactory(database.ConnectionString);
        _ = App.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    protected Task<CliResult> RunAsync(params string[] args) => CliHarness.RunAsync(App.Services, args);
}
