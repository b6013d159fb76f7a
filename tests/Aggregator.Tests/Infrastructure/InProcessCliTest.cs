namespace Aggregator.Tests.Infrastructure;

/// <summary>Base of tests that run verbs in-process: the real app in memory on the class's database, started once per class.</summary>
public abstract class InProcessCliTest(ClassApp app) : IClassFixture<ClassApp>
{
    protected AppFactory App => app.App;

    protected TestDatabase Database => app.Database;

    protected Task<CliResult> RunAsync(params string[] args) => CliHarness.RunAsync(App.Services, args);
}
