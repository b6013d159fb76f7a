using Aggregator.Model;

namespace Aggregator.Digests.Highlighting;

/// <summary>A side of a topic as highlights name it.</summary>
public sealed record NamedSide(Side Side, string Name);

/// <summary>
/// What a highlighter works from: the window's stories, the sides, the articles the digest selected, and the lead
/// paragraphs of those whose text was read (article id → lead; none when the topic reads no pages).
/// </summary>
public sealed record HighlightRequest(string TopicName, IReadOnlyList<NamedSide> Sides, DigestSelection Selection,
    IReadOnlyDictionary<long, string>? Leads = null)
{
    /// <summary>The first sentence of the article's lead, when its text was read.</summary>
    public string? LeadSentenceOf(DigestCandidate article) =>
        Leads is not null && Leads.TryGetValue(article.ArticleId, out var lead) ? LeadSentences.First(lead) : null;
}

/// <summary>One highlight and the stored story it is about, when it is about one.</summary>
public sealed record Bullet(string Text, long? StoryId = null);

/// <summary>Bullets for the digest, and which highlighter wrote them (with the reason when it fell back).</summary>
public sealed record Highlights(
    IReadOnlyList<Bullet> Overall,
    IReadOnlyDictionary<Side, IReadOnlyList<Bullet>> PerSide,
    string Highlighter,
    string? Note = null);
