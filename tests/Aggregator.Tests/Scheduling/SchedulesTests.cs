using Aggregator.Model;
using Aggregator.Scheduling;

namespace Aggregator.Tests.Scheduling;

public sealed class SchedulesTests
{
    private static Topic TopicWith(int fetchMinutes, int digestHour = 4) =>
        new() { Slug = "t", Name = "t", FetchIntervalMinutes = fetchMinutes, DigestHourUtc = digestHour };

    [Theory]
    [InlineData(5, "*/5 * * * *")]
    [InlineData(30, "*/30 * * * *")]
    [InlineData(60, "0 * * * *")]
    [InlineData(180, "0 */3 * * *")]
    [InlineData(1440, "0 0 * * *")]
    [InlineData(45, "*/5 * * * *")]
    [InlineData(100, "*/5 * * * *")]
    public void A_fetch_fires_every_interval_or_every_five_minutes_when_the_interval_does_not_divide_an_hour_or_a_day(int minutes, string cron)
    {
        Assert.Equal(cron, Schedules.FetchCron(TopicWith(minutes), new SchedulerOptions()));
    }

    [Fact]
    public void A_digest_fires_daily_at_the_topics_hour_and_a_configured_cron_overrides_both()
    {
        var compressed = new SchedulerOptions { FetchCron = "*/10 * * * * *", DigestCron = "0 * * * * *" };

        Assert.Equal("0 7 * * *", Schedules.DigestCron(TopicWith(30, digestHour: 7), new SchedulerOptions()));
        Assert.Equal(("*/10 * * * * *", "0 * * * * *"), (Schedules.FetchCron(TopicWith(30), compressed), Schedules.DigestCron(TopicWith(30), compressed)));
    }
}
