using Aggregator.Model;

namespace Aggregator.Tests.Model;

public sealed class FeedSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);

    private static Feed CheckedFeed()
    {
        var feed = new Feed { Name = "f" };
        feed.ChangeSource(FeedKind.GoogleNews, "US China", "en-US", null);
        feed.ETag = "\"v1\"";
        feed.LastModified = "Mon, 12 Jan 2026 04:00:00 GMT";
        feed.RecordFailure(Now, "boom", TimeSpan.FromMinutes(30), TimeSpan.FromHours(6));
        return feed;
    }

    [Fact]
    public void A_new_source_drops_the_cached_validators_and_the_backoff_and_is_due_at_once()
    {
        var feed = CheckedFeed();

        feed.ChangeSource(FeedKind.GoogleNews, "US China trade", "en-US", null);

        Assert.Equal((null, null, 0, null), (feed.ETag, feed.LastModified, feed.ConsecutiveFailures, feed.NextCheckAt));
        Assert.True(feed.IsDue(Now));
    }

    [Fact]
    public void The_same_source_with_other_whitespace_keeps_the_validators_and_the_backoff()
    {
        var feed = CheckedFeed();

        feed.ChangeSource(FeedKind.GoogleNews, "  US China ", "en-US ", "https://ignored.example/feed");

        Assert.Equal(("\"v1\"", 1), (feed.ETag, feed.ConsecutiveFailures));
        Assert.Equal(("US China", "en-US", null), (feed.Query, feed.Edition, feed.Url));
    }

    [Fact]
    public void An_outlet_feed_keeps_only_its_url()
    {
        var feed = CheckedFeed();

        feed.ChangeSource(FeedKind.Direct, "ignored", "en-US", " https://outlet.example/rss ");

        Assert.Equal((FeedKind.Direct, null, null, "https://outlet.example/rss"), (feed.Kind, feed.Query, feed.Edition, feed.Url));
        Assert.Null(feed.ETag);
    }

    [Fact]
    public void A_run_records_errors_cut_to_the_column_length()
    {
        var run = FetchRun.Start(1, 2, "cli", "https://example.org/feed", Now);

        run.Fail("parse-malformed", new string('x', ColumnLengths.FetchRunError + 10));
        run.Finish(Now.AddSeconds(1));

        Assert.Equal((FetchOutcome.Failed, "parse-malformed", ColumnLengths.FetchRunError), (run.Outcome, run.ErrorKind, run.Error!.Length));
        Assert.Equal(Now.AddSeconds(1), run.FinishedAt);
    }
}
