using System.Globalization;
using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>
/// The 24 hours a digest covers: [end − 24 h, end), where end is the date at the topic's digest hour (UTC). The one home
/// of digest-day arithmetic (which day a moment belongs to, which day has just closed) and of how a day is written in
/// URLs, verbs and jobs (YYYY-MM-DD, between <see cref="EarliestDate"/> and <see cref="LatestDate"/>).
/// </summary>
public sealed record DigestWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The days accepted anywhere: far enough from DateOnly's ends that day arithmetic never overflows.</summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);
    public static readonly DateOnly LatestDate = new(2999, 12, 31);

    public static bool IsInRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>A day written YYYY-MM-DD, within the accepted range.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && IsInRange(date);

    public static DigestWindow For(Topic topic, DateOnly date)
    {
        var end = new DateTimeOffset(date.ToDateTime(new TimeOnly(topic.DigestHourUtc, 0)), TimeSpan.Zero);
        return new DigestWindow(end.AddHours(-24), end);
    }

    /// <summary>The day whose window holds <paramref name="moment"/>.</summary>
    public static DateOnly DayOf(Topic topic, DateTimeOffset moment) =>
        DateOnly.FromDateTime(moment.UtcDateTime.AddHours(-topic.DigestHourUtc)).AddDays(1);

    /// <summary>The newest date whose window has closed by <paramref name="now"/>.</summary>
    public static DateOnly LatestClosedDate(Topic topic, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return For(topic, today).End <= now ? today : today.AddDays(-1);
    }
}
