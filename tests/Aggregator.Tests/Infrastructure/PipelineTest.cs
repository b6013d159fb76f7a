using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// Base of tests that drive the pipeline directly: the class's database, its rows put back before each test, and the
/// app's services for each test. A subclass takes the database as its class fixture.
/// </summary>
public abstract class PipelineTest(ResettableTestDatabase database) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = database;
    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>Registers what a test class needs beyond storage, fetching and ingestion.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Rows every test of the class starts from.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        Services = TestServices.Create(Database.ConnectionString, configure: ConfigureServices);
        await PrepareAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
    }

    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
