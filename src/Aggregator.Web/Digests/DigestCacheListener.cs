using Aggregator.Storage;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace Aggregator.Digests;

/// <summary>
/// Listens on <see cref="DigestCache.Channel"/> on a connection of its own and evicts this instance's cached digest pages
/// whenever any instance publishes. A lost connection is re-opened after a pause; while it is down, pages expire on
/// their own after <see cref="DigestCache.Duration"/>, and the cache is evicted again on reconnecting in case a
/// notification was missed.
/// </summary>
public sealed class DigestCacheListener(IConfiguration configuration, IOutputCacheStore store, ILogger<DigestCacheListener> logger) : BackgroundService
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
                await using (var listen = new NpgsqlCommand($"LISTEN {DigestCache.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await EvictAsync();
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                logger.LogWarning("Digest cache listener lost its connection ({Error}); reconnecting in {Pause}", e.Message, ReconnectPause);
                await Task.Delay(ReconnectPause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task EvictAsync()
    {
        try
        {
            await DigestCache.EvictLocallyAsync(store, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Evicting cached digest pages failed");
        }
    }
}
