using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>A story every side of a digest covered, with each side's first article in the order the day shows the sides.</summary>
public sealed record Framing(long StoryId, IReadOnlyList<DigestArticle> Articles);

/// <summary>The stories of a digest that every side covered: "how each side framed it", the product's central claim.</summary>
public static class DigestFramings
{
    /// <summary>The stories with an article from every side (of a digest with two sides or more), in source order.</summary>
    public static IReadOnlyList<IGrouping<long, DigestArticle>> StoriesOnEverySide(Digest digest) =>
        digest.Articles.Where(a => a.StoryId is not null)
            .GroupBy(a => a.StoryId!.Value)
            .Where(story => digest.Sides.Count > 1 && digest.Sides.All(side => story.Any(a => a.Side == side.Side)))
            .OrderBy(story => story.Min(a => a.Position))
            .ToList();

    /// <summary>
    /// The order a day shows its sides in: the topic's first side on even days, the other on odd days, because which side
    /// a reader sees first is itself a bias.
    /// </summary>
    public static IReadOnlyList<Side> SideOrder(Digest digest)
    {
        var sides = digest.Sides.OrderBy(s => s.Position).Select(s => s.Side).ToList();
        if (digest.Date.DayNumber % 2 == 1) sides.Reverse();
        return sides;
    }

    /// <summary>Each story every side covered, with each side's first article, sides in the day's order.</summary>
    public static IReadOnlyList<Framing> Of(Digest digest)
    {
        var sides = SideOrder(digest);
        return StoriesOnEverySide(digest)
            .Select(story => new Framing(story.Key, sides.Select(side => story.Where(a => a.Side == side).MinBy(a => a.Position)!).ToList()))
            .ToList();
    }
}
