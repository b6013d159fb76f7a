using Aggregator.Storage;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace Aggregator.Caching;

/// <summary>
/// Listens on <see cref="ReaderPageChanges"/> on a connection of its own and evicts this instance's cached reader pages
/// whenever any instance changes what they show. A lost connection is re-opened after a pause; while it is down, pages
/// expire on their own after <see cref="ReaderPageCache.Duration"/>, and the cache is evicted again on reconnecting in
/// case a notification was missed.
/// </summary>
public sealed class ReaderPageCacheListener(IConfiguration configuration, IOutputCacheStore store, ILogger<ReaderPageCacheListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetAggregatorConnectionString())
        {
            // A listening connection lives as long as the app; keep it out of the pool and alive through idle firewalls.
            Pooling = false, KeepAlive = 30,
        }.ConnectionString;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => _ = EvictAsync();
                await ReaderPageChanges.ListenAsync(connection, stoppingToken);
                await EvictAsync();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("Reader page cache listener lost its connection ({Error}); reconnecting in {Pause}", e.Message, ReconnectPause);
                await Task.Delay(ReconnectPause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task EvictAsync()
    {
        try
        {
            await store.EvictByTagAsync(ReaderPageCache.Tag, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Evicting cached reader pages failed");
        }
    }
}
