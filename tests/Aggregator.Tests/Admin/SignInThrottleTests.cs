using Aggregator.Admin;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Admin;

public sealed class SignInThrottleTests
{
    [Fact]
    public void The_wait_doubles_after_the_free_failures_and_never_exceeds_five_minutes()
    {
        Assert.Equal(TimeSpan.Zero, SignInThrottle.WaitAfter(SignInThrottle.FreeFailures));
        Assert.Equal(TimeSpan.FromSeconds(2), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures + 1));
        Assert.Equal(TimeSpan.FromSeconds(4), SignInThrottle.WaitAfter(SignInThrottle.FreeFailures + 2));
        Assert.Equal(TimeSpan.FromMinutes(5), SignInThrottle.WaitAfter(1_000));
    }

    [Fact]
    public void A_waiting_client_may_try_again_once_its_wait_is_over_and_others_never_wait_for_it()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < 40; i++) throttle.Failed("admin@example.org", "203.0.113.5");

        Assert.False(throttle.MayTry("ADMIN@example.org", "203.0.113.5"));
        Assert.True(throttle.MayTry("admin@example.org", "198.51.100.7"));
        clock.Advance(SignInThrottle.MaxWait);
        Assert.True(throttle.MayTry("admin@example.org", "203.0.113.5"));
    }
}
