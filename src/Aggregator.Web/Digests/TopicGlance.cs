using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>One day of a topic at a glance: its digest and the first story both sides covered that day, if any.</summary>
public sealed record DayGlance(Digest Digest, Framing? TopStory);

/// <summary>
/// The home page's view of a topic: the digest it features and its last days at a glance. A thin day (one side had
/// fewer stories than the quota) is not featured alone: the newest full day is, and the thin day is listed, marked.
/// </summary>
public sealed record TopicGlance(string Slug, string Name, Digest? Featured, IReadOnlyList<DayGlance> Days)
{
    /// <summary>How many days the home page shows at a glance, back from the topic's newest digest.</summary>
    public const int GlanceDays = 7;

    public static TopicGlance Of(Topic topic, IEnumerable<Digest> recentDigests)
    {
        var days = recentDigests.Where(d => d.TopicId == topic.Id).OrderByDescending(d => d.Date).ToList();
        var featured = days.FirstOrDefault(d => !d.IsThin) ?? days.FirstOrDefault();
        return new TopicGlance(topic.Slug, topic.Name, featured,
            days.Select(d => new DayGlance(d, DigestFramings.Of(d).FirstOrDefault())).ToList());
    }

    /// <summary>Whether a newer day than the featured one exists (thin, so not featured).</summary>
    public bool FeaturedIsNotNewest => Featured is not null && Days.Count > 0 && Days[0].Digest.Date > Featured.Date;
}
