using Npgsql;

namespace Aggregator.Scheduling;

/// <summary>When the app starts: brings the schedules in line with the topics, then catches up (see <see cref="ScheduleSynchronizer"/>).</summary>
public sealed class ScheduleSynchronizerService(IServiceScopeFactory scopes, ILogger<ScheduleSynchronizerService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var synchronizer = scope.ServiceProvider.GetRequiredService<ScheduleSynchronizer>();
            await synchronizer.SynchronizeAsync(cancellationToken);
            await synchronizer.CatchUpAsync(cancellationToken);
        }
        catch (PostgresException e)
        {
            // An unmigrated database (Database:MigrateOnStartup=false) must not stop the app from serving /healthz
            // and reporting itself not ready; the schedules are set up at the next start after `migrate`.
            logger.LogError(e, "Could not set up the topic schedules; is the database migrated?");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
