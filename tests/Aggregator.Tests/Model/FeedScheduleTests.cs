using Aggregator.Model;

namespace Aggregator.Tests.Model;

public sealed class FeedScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Cap = TimeSpan.FromHours(6);

    private static Feed NewFeed() => new() { Name = "f" };

    [Fact]
    public void Each_consecutive_failure_doubles_the_wait_up_to_the_cap()
    {
        var feed = NewFeed();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            feed.RecordFailure(Now, "boom", Interval, Cap);
            waits.Add(feed.NextCheckAt!.Value - Now);
        }

        Assert.Equal([30, 60, 120, 240, 360, 360], waits.Select(w => (int)w.TotalMinutes));
        Assert.Equal(6, feed.ConsecutiveFailures);
        Assert.Equal("boom", feed.LastError);
    }

    [Fact]
    public void Retry_after_longer_than_the_backoff_wins()
    {
        var feed = NewFeed();

        feed.RecordFailure(Now, "rate-limited", Interval, Cap, retryAfter: TimeSpan.FromHours(2));

        Assert.Equal(Now.AddHours(2), feed.NextCheckAt);
    }

    [Fact]
    public void Success_clears_the_failures_and_schedules_the_next_interval()
    {
        var feed = NewFeed();
        feed.RecordFailure(Now, "boom", Interval, Cap);

        feed.RecordSuccess(Now, Interval);

        Assert.Equal((0, null, Now + Interval, Now), (feed.ConsecutiveFailures, feed.LastError, feed.NextCheckAt, feed.LastSucceededAt));
    }

    [Fact]
    public void A_feed_is_due_when_never_checked_or_its_next_check_is_within_a_minute_and_never_when_disabled()
    {
        Assert.True(NewFeed().IsDue(Now));
        Assert.True(new Feed { Name = "f", NextCheckAt = Now.AddSeconds(30) }.IsDue(Now));
        Assert.False(new Feed { Name = "f", NextCheckAt = Now.AddMinutes(5) }.IsDue(Now));
        Assert.False(new Feed { Name = "f", Enabled = false }.IsDue(Now));
    }
}
