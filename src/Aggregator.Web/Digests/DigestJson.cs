using System.Text.Json;
using System.Text.Json.Serialization;
using Aggregator.Model;

namespace Aggregator.Digests;

/// <summary>
/// The JSON export (schemaVersion 1). Field by field:
/// title; topic {slug, name}; date (YYYY-MM-DD); version; generatedAt; window {start, end} (UTC, ISO 8601);
/// perSide (articles on each side); thinCoverage; highlighter ("extractive" | "llm") and highlighterNote (why an LLM
/// was not used); perspectives [{id, name, count}]; highlights {overall [..], perspectives {id: [..]}};
/// articles [{position, side, headline, link, outlet, locale, publishedAt, story, lead}] newest first; lead is the
/// article's lead paragraph when its page was read, else null; link is an http/https URL,
/// or null when the stored link is anything else; story is the article's story id (/stories/{id}), null for an
/// article the digest took before it had one; framings [{story, positions {side id: [position, ..]}}]: every story
/// both sides cover in the digest, with the positions of its articles on each side, in the order of the story's first
/// position (what the page shows as "How each side framed it").
/// </summary>
public static class DigestJson
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public sealed record TopicRef(string Slug, string Name);
    public sealed record WindowRef(DateTimeOffset Start, DateTimeOffset End);
    public sealed record SideRef(string Id, string Name, int Count);
    public sealed record HighlightsRef(IReadOnlyList<string> Overall, [property: JsonPropertyName("perspectives")] IReadOnlyDictionary<string, IReadOnlyList<string>> Sides);
    public sealed record ArticleRef(int Position, string Side, string Headline, string? Link, string Outlet, string Locale, DateTimeOffset PublishedAt, long? Story, string? Lead);
    public sealed record FramingRef(long Story, IReadOnlyDictionary<string, IReadOnlyList<int>> Positions);
    public sealed record Document(
        int SchemaVersion, string Title, TopicRef Topic, string Date, int Version, DateTimeOffset GeneratedAt, WindowRef Window,
        int PerSide, bool ThinCoverage, string Highlighter, string? HighlighterNote,
        [property: JsonPropertyName("perspectives")] IReadOnlyList<SideRef> Sides, HighlightsRef Highlights, IReadOnlyList<ArticleRef> Articles,
        IReadOnlyList<FramingRef> Framings);

    public static Document ToDocument(Digest digest)
    {
        var sides = digest.Sides.OrderBy(p => p.Position).ToList();
        return new Document(
            SchemaVersion, digest.Title, new TopicRef(digest.TopicSlug, digest.TopicName), digest.Date.ToString("yyyy-MM-dd"), digest.Version,
            digest.GeneratedAt.ToUniversalTime(), new WindowRef(digest.WindowStart.ToUniversalTime(), digest.WindowEnd.ToUniversalTime()),
            digest.PerSideCount, digest.IsThin, digest.Highlighter, digest.HighlighterNote,
            sides.Select(p => new SideRef(p.Side.ToCode(), p.Name, p.ArticleCount)).ToList(),
            new HighlightsRef(
                digest.Highlights.Where(h => h.Side is null).OrderBy(h => h.Position).Select(h => h.Text).ToList(),
                sides.ToDictionary(p => p.Side.ToCode(),
                    p => (IReadOnlyList<string>)digest.Highlights.Where(h => h.Side == p.Side).OrderBy(h => h.Position).Select(h => h.Text).ToList())),
            digest.Articles.OrderBy(a => a.Position)
                .Select(a => new ArticleRef(a.Position, a.Side.ToCode(), a.Headline, SafeLink.Of(a.Link), a.OutletName, a.Locale, a.PublishedAt.ToUniversalTime(), a.StoryId, a.Lead))
                .ToList(),
            FramingsOf(digest, sides));
    }

    /// <summary>The stories with articles on every side of the digest, each side's positions in source-list order.</summary>
    private static List<FramingRef> FramingsOf(Digest digest, IReadOnlyList<DigestSide> sides) =>
        DigestFramings.StoriesOnEverySide(digest)
            .Select(story => new FramingRef(story.Key, sides.ToDictionary(side => side.Side.ToCode(),
                side => (IReadOnlyList<int>)story.Where(a => a.Side == side.Side).Select(a => a.Position).Order().ToList())))
            .ToList();

    public static string Render(Digest digest) => JsonSerializer.Serialize(ToDocument(digest), Options);
}
