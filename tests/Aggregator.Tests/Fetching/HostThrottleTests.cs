using Aggregator.Fetching;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Fetching;

/// <summary>The per-host pause, on a clock only the test moves.</summary>
public sealed class HostThrottleTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    private readonly ManualClock _clock = new();

    [Fact]
    public async Task The_first_request_to_a_host_goes_at_once_and_the_next_waits_exactly_the_pause()
    {
        var throttle = new HostThrottle(_clock);

        await throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);
        var second = throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);

        await _clock.AssertWaitsExactlyAsync(1, Pause, () => second.IsCompleted);
    }

    [Fact]
    public async Task A_request_after_the_pause_has_passed_does_not_wait()
    {
        var throttle = new HostThrottle(_clock);
        await throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);

        _clock.Advance(Pause);

        Assert.True(throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(0, _clock.TimersStarted);
    }

    [Fact]
    public async Task Each_host_has_its_own_pause_whatever_the_case_of_its_name()
    {
        var throttle = new HostThrottle(_clock);
        await throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);

        Assert.True(throttle.WaitTurnAsync("www.reuters.com", Pause, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(throttle.WaitTurnAsync("NEWS.google.com", Pause, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Waiters_queue_one_pause_apart()
    {
        var throttle = new HostThrottle(_clock);
        await throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);
        var second = throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);
        var third = throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);

        await _clock.AssertWaitsExactlyAsync(1, Pause, () => second.IsCompleted);
        await _clock.AssertWaitsExactlyAsync(2, Pause, () => third.IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_turn()
    {
        var throttle = new HostThrottle(_clock);
        await throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = throttle.WaitTurnAsync("news.google.com", Pause, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        _clock.Advance(Pause);
        Assert.True(throttle.WaitTurnAsync("news.google.com", Pause, CancellationToken.None).IsCompletedSuccessfully);
    }
}
