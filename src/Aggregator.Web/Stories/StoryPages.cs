using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Stories;

/// <param name="Lead">The article's lead paragraph, when its page was read (<c>Ingestion/ArticleTexts</c>).</param>
public sealed record StoryArticle(long Id, string Headline, string Link, string Outlet, Side Side, bool Provisional, DateTimeOffset PublishedAt, string Language,
    string? Lead = null);
public sealed record StoryDigest(string Slug, DateOnly Date, string Title);

/// <summary>A story as its page shows it: the articles by time, the topic's sides, the digests it was in (latest versions).</summary>
public sealed record StoryView(long Id, Topic Topic, IReadOnlyList<TopicSide> Sides, IReadOnlyList<StoryArticle> Articles, IReadOnlyList<StoryDigest> Digests)
{
    public string Headline => Articles.MaxBy(a => (a.PublishedAt, a.Id))?.Headline ?? "";

    /// <summary>One side's articles, newest first.</summary>
    public IReadOnlyList<StoryArticle> On(Side side) => Articles.Where(a => a.Side == side).OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id).ToList();
}

/// <summary>A story looked up by id: its view, or the story it was merged into.</summary>
public sealed record StoryLookup(StoryView? View, long? MergedInto);

/// <summary>Reads one story for readers. A story of a disabled topic, or with no articles, has no page.</summary>
public sealed class StoryPages(AppDbContext db, ArticleTextRows texts)
{
    public async Task<StoryLookup?> ReadAsync(long id, CancellationToken cancellationToken)
    {
        var story = await db.Stories.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (story is null) return null;
        if (story.MergedIntoId is { } merged) return new StoryLookup(null, merged);
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == story.TopicId && t.Enabled, cancellationToken);
        if (topic is null) return null;
        var articles = await db.ArticleTopics.Where(m => m.StoryId == id)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => a)
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new StoryArticle(a.Id, a.Headline, a.PublisherLink ?? a.Link, a.SourceName, a.Side, a.Outlet!.ProvisionalRule != null, a.PublishedAt, a.Language))
            .ToListAsync(cancellationToken);
        if (articles.Count == 0) return null;
        var leads = await texts.LeadsAsync(articles.Select(a => a.Id).ToList(), cancellationToken);
        articles = articles.Select(a => leads.TryGetValue(a.Id, out var lead) ? a with { Lead = lead } : a).ToList();
        var digests = await db.DigestArticles.Where(a => a.StoryId == id)
            .Join(db.Digests, a => a.DigestId, d => d.Id, (a, d) => new { d.TopicSlug, d.Date, d.Title, d.Version })
            .Distinct().ToListAsync(cancellationToken);
        var latest = digests.GroupBy(d => (d.TopicSlug, d.Date)).Select(g => g.MaxBy(d => d.Version)!)
            .OrderByDescending(d => d.Date).Select(d => new StoryDigest(d.TopicSlug, d.Date, d.Title)).ToList();
        return new StoryLookup(new StoryView(id, topic, topic.Sides.OrderBy(s => s.Position).ToList(), articles, latest), null);
    }
}
