using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>The 24 hours a digest covers: [end − 24 h, end), where end is the date at the topic's digest hour (UTC).</summary>
public sealed record DigestWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public static DigestWindow For(Topic topic, DateOnly date)
    {
        var end = new DateTimeOffset(date.ToDateTime(new TimeOnly(topic.DigestHourUtc, 0)), TimeSpan.Zero);
        return new DigestWindow(end.AddHours(-24), end);
    }

    /// <summary>The newest date whose window has closed by <paramref name="now"/>.</summary>
    public static DateOnly LatestClosedDate(Topic topic, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return For(topic, today).End <= now ? today : today.AddDays(-1);
    }
}
