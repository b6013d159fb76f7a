using System.Collections.Concurrent;

namespace Aggregator.Fetching;

/// <summary>Spaces requests to one host at least <see cref="FetchOptions.PerHostPause"/> apart within this process.</summary>
public sealed class HostThrottle(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task WaitTurnAsync(string host, TimeSpan pause, CancellationToken cancellationToken)
    {
        var slot = _hosts.GetOrAdd(host, _ => new HostSlot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = slot.LastRequest + pause - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, cancellationToken);
            slot.LastRequest = clock.GetUtcNow();
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private sealed class HostSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset LastRequest { get; set; } = DateTimeOffset.MinValue;
    }
}
