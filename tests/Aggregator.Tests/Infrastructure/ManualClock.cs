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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
