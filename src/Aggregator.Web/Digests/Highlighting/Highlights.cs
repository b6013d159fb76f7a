using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>A side of a topic as highlights name it.</summary>
public sealed record NamedSide(Side Side, string Name);

/// <summary>What a highlighter works from: the window's stories, the sides, and the articles the digest selected.</summary>
public sealed record HighlightRequest(string TopicName, IReadOnlyList<NamedSide> Sides, DigestSelection Selection);

/// <summary>One highlight and the stored story it is about, when it is about one.</summary>
public sealed record Bullet(string Text, long? StoryId = null);

/// <summary>Bullets for the digest, and which highlighter wrote them (with the reason when it fell back).</summary>
public sealed record Highlights(
    IReadOnlyList<Bullet> Overall,
    IReadOnlyDictionary<Side, IReadOnlyList<Bullet>> PerSide,
    string Highlighter,
    string? Note = null);
