using Aggregator.Scheduling;
using Aggregator.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aggregator.Tests.Scheduling;

/// <summary>
/// Hangfire's defaults keep the job store and the job activator in process-wide statics that the last host to start
/// overwrites. A host that took the other's would queue its jobs in the other's database and run them in the other's
/// services — after that host stopped, every job failed with "Cannot access a disposed object".
/// </summary>
public sealed class HangfireHostIsolationTests : IAsyncLifetime
{
    private readonly TestDatabase _first = new();
    private readonly TestDatabase _second = new();

    public Task InitializeAsync() => Task.WhenAll(_first.InitializeAsync(), _second.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(_first.DisposeAsync(), _second.DisposeAsync());

    [Fact]
    public async Task Each_host_in_a_process_keeps_its_own_job_store_and_runs_jobs_in_its_own_services()
    {
        await using var first = SchedulingHost(_first.ConnectionString);
        await using var second = SchedulingHost(_second.ConnectionString);
        // Configured in this order, Hangfire's statics end up holding the second host's store and activator.
        first.GetRequiredService<IGlobalConfiguration>();
        second.GetRequiredService<IGlobalConfiguration>();

        Assert.NotSame(first.GetRequiredService<JobStorage>(), second.GetRequiredService<JobStorage>());
        Assert.Contains(_first.Name, first.GetRequiredService<JobStorage>().ToString());
        using var scope = first.GetRequiredService<JobActivator>().BeginScope((JobActivatorContext)null!);
        Assert.Same(first.GetRequiredService<IConfiguration>(), scope.Resolve(typeof(IConfiguration)));
    }

    [Fact]
    public async Task Hangfire_creates_loggers_after_the_host_that_configured_it_last_has_stopped()
    {
        await using (var stopped = SchedulingHost(_first.ConnectionString))
            stopped.GetRequiredService<IGlobalConfiguration>();

        // Hangfire's default provider would ask the stopped host's disposed LoggerFactory here, and throw.
        var logger = Hangfire.Logging.LogProvider.GetLogger("after-the-host-stopped");

        logger.Log(Hangfire.Logging.LogLevel.Info, () => "written nowhere, or to a running host", null);
    }

    private static ServiceProvider SchedulingHost(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Aggregator"] = connectionString });
        builder.Services.AddLogging();
        builder.AddScheduling(runServer: false);
        return builder.Services.BuildServiceProvider();
    }
}
