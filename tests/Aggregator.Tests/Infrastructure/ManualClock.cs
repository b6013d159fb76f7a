using Microsoft.Extensions.Time.Testing;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when the test advances it, and counts the timers the code under test starts on it
/// (delays, pauses), so a test knows the code is waiting before it moves time on. Timing rules are then checked
/// exactly, whatever else the machine is doing.
/// </summary>
public sealed class ManualClock() : FakeTimeProvider(new DateTimeOffset(2026, 1, 12, 12, 0, 0, TimeSpan.Zero))
{
    private int _timers;

    public int TimersStarted => Volatile.Read(ref _timers);

    /// <summary>
    /// Once the code has started its <paramref name="timer"/>-th timer, proves that what it waits for has not
    /// happened a tick before <paramref name="wait"/> has passed, and happens once it has.
    /// </summary>
    public async Task AssertWaitsExactlyAsync(int timer, TimeSpan wait, Func<bool> happened)
    {
        await Eventually.ReturnsAsync($"timer {timer} to start", () => Task.FromResult(TimersStarted), started => started >= timer);
        Advance(wait - TimeSpan.FromTicks(1));
        Assert.False(happened(), $"it happened before {wait} had passed");
        Advance(TimeSpan.FromTicks(1));
        Assert.True(await Eventually.ReturnsAsync($"what was to happen once {wait} had passed", () => Task.FromResult(happened()), done => done), $"it did not happen once {wait} had passed");
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
