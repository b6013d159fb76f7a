using System.Security.Cryptography;
using System.Text;
using Aggregator.Caching;
using Aggregator.Digests.Highlighting;
using Aggregator.Model;
using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

public enum PublishOutcome
{
    /// <summary>A new version was stored (the first, or one whose content differs from the latest).</summary>
    Built,
    /// <summary>The inputs give the content of the latest version, which is kept.</summary>
    Unchanged,
    /// <summary>The day's window has not closed yet (its date and hour are still ahead).</summary>
    NotDue,
    /// <summary>No classified article of the topic was published in the window: there is nothing to digest.</summary>
    Empty,
    NoSuchTopic,
}

/// <summary>What publishing a day's digest did, the digest readers now see (when there is one), and a sentence saying so.</summary>
public sealed record PublishResult(PublishOutcome Outcome, DateOnly Date, Digest? Digest, string Message)
{
    public bool Published => Outcome is PublishOutcome.Built or PublishOutcome.Unchanged;
}

/// <summary>
/// Publishes a topic's digest for a day, the one way the daily job, the CLI and the admin area do it: selects the
/// balanced articles, writes highlights, stores an immutable snapshot, and evicts the cached reader pages.
/// Rebuilding with unchanged inputs keeps the stored version; a change stores the next version.
/// </summary>
public sealed class DigestPublisher(
    AppDbContext db, StoryStore stories, ArticleTextRows texts, IHighlighter highlighter, ReaderPageCache cache, TimeProvider clock,
    ILogger<DigestPublisher> logger)
{
    /// <summary>Fewer articles than this on a side, and the digest says its coverage was thin.</summary>
    public const int ThinCoverage = 3;

    /// <summary>Publishes <paramref name="date"/>, or when null the newest day whose window has closed.</summary>
    public async Task<PublishResult> PublishAsync(string topicSlug, DateOnly? date, CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Slug == topicSlug, cancellationToken);
        var now = clock.GetUtcNow();
        var day = date ?? (topic is null ? DateOnly.FromDateTime(now.UtcDateTime) : DigestWindow.LatestClosedDate(topic, now));
        if (topic is null)
        {
            logger.LogWarning("No digest published: there is no topic {Topic}", topicSlug);
            return new PublishResult(PublishOutcome.NoSuchTopic, day, null, $"no topic '{topicSlug}'");
        }
        var window = DigestWindow.For(topic, day);
        if (window.End > now)
        {
            logger.LogInformation("No digest for {Topic} {Date}: its window closes at {WindowEnd}", topic.Slug, day, window.End);
            return new PublishResult(PublishOutcome.NotDue, day, null,
                $"the {day:yyyy-MM-dd} digest of {topic.Slug} covers the 24 hours up to {window.End:yyyy-MM-dd HH:mm} UTC, which have not passed yet");
        }

        var sides = topic.Sides.OrderBy(p => p.Position).Select(p => new NamedSide(p.Side, p.Name)).ToList();
        var sideValues = sides.Select(s => s.Side).ToList();
        // Whatever the placement job has not reached yet is placed now: a digest groups every article by its story.
        await stories.PlaceUnplacedAsync(topic.Id, cancellationToken);
        var topicLanguages = topic.Languages.ToList();
        var candidates = await (
                from m in db.ArticleTopics
                join a in db.Articles on m.ArticleId equals a.Id
                where m.TopicId == topic.Id && a.PublishedAt >= window.Start && a.PublishedAt < window.End && sideValues.Contains(a.Side)
                      && !a.IsOutletPage && topicLanguages.Contains(a.Language) && (topic.IncludeProvisional || a.Outlet!.ProvisionalRule == null)
                select new DigestCandidate(a.Id, m.StoryId, a.Side, a.OutletId, a.SourceName, a.Headline, a.PublishedAt))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            logger.LogInformation("No digest for {Topic} {Date}: the window holds no classified article", topic.Slug, day);
            return new PublishResult(PublishOutcome.Empty, day, null,
                $"no classified {topic.Slug} article was published between {window.Start:yyyy-MM-dd HH:mm} and {window.End:yyyy-MM-dd HH:mm} UTC");
        }
        var selection = DigestSelector.Select(candidates, sideValues, topic.PerSideQuota);
        // Leads of the articles whose pages were read: for the highlights and the source list.
        var leads = await texts.LeadsAsync(selection.All.Select(a => a.ArticleId).ToList(), cancellationToken);
        var highlights = await highlighter.HighlightAsync(new HighlightRequest(topic.Name, sides, selection, leads), cancellationToken);

        var digest = await SnapshotAsync(topic, day, window, sides, selection, highlights, leads, cancellationToken);
        var (stored, created) = await StoreAsync(digest, cancellationToken);
        if (!created) return new PublishResult(PublishOutcome.Unchanged, day, stored, $"{stored.Title} is unchanged (version {stored.Version}).");
        await cache.EvictAsync(cancellationToken);
        return new PublishResult(PublishOutcome.Built, day, stored,
            $"Built {stored.Title}, version {stored.Version}: {stored.PerSideCount} articles per side{(stored.IsThin ? " (thin coverage)" : "")}.");
    }

    private async Task<Digest> SnapshotAsync(Topic topic, DateOnly date, DigestWindow window, IReadOnlyList<NamedSide> sides,
        DigestSelection selection, Highlights highlights, IReadOnlyDictionary<long, string> leads, CancellationToken cancellationToken)
    {
        var selected = selection.All;
        var ids = selected.Select(a => a.ArticleId).ToList();
        var articles = await db.Articles.AsNoTracking().Include(a => a.Outlet).Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var thinSides = sides.Where(s => selection.Stories.Count(story => story.CountOn(s.Side) > 0) < ThinCoverage).ToList();

        var overall = highlights.Overall.ToList();
        if (thinSides.Count > 0)
        {
            var counts = string.Join(" and ", thinSides.Select(s => $"{storiesOn(s)} {s.Name} {(storiesOn(s) == 1 ? "story" : "stories")}"));
            overall.Insert(0, new Bullet($"Coverage was thin in this window: only {counts}, so each side shows {selection.PerSideCount}."));
        }
        int storiesOn(NamedSide side) => selection.Stories.Count(story => story.CountOn(side.Side) > 0);

        var position = 0;
        var highlightRows = overall.Select(b => new DigestHighlight { Position = ++position, Text = Storable(b.Text, ColumnLengths.HighlightText), StoryId = Stored(b.StoryId) }).ToList();
        foreach (var side in sides)
            highlightRows.AddRange(highlights.PerSide.GetValueOrDefault(side.Side, []).Select(b =>
                new DigestHighlight { Position = ++position, Side = side.Side, Text = Storable(b.Text, ColumnLengths.HighlightText), StoryId = Stored(b.StoryId) }));
        // Articles without a stored story have negative stand-in ids in the selection.
        static long? Stored(long? storyId) => storyId > 0 ? storyId : null;

        var digest = new Digest
        {
            TopicId = topic.Id,
            Date = date,
            Title = $"{topic.Name} News - {date:yyyy-MM-dd}",
            TopicSlug = topic.Slug,
            TopicName = topic.Name,
            GeneratedAt = clock.GetUtcNow(),
            WindowStart = window.Start,
            WindowEnd = window.End,
            PerSideCount = selection.PerSideCount,
            IsThin = thinSides.Count > 0,
            Highlighter = highlights.Highlighter,
            HighlighterNote = highlights.Note is { } note ? Storable(note, ColumnLengths.HighlighterNote) : null,
            ContentHash = "",
            Sides = sides.Select((s, i) => new DigestSide
            {
                Side = s.Side, Name = s.Name, Position = i, ArticleCount = selection.PerSide.GetValueOrDefault(s.Side, []).Count,
            }).ToList(),
            Highlights = highlightRows,
            Articles = selected.Select((c, i) => new DigestArticle
            {
                Position = i + 1,
                ArticleId = c.ArticleId,
                StoryId = c.StoryId,
                Side = c.Side,
                Headline = articles[c.ArticleId].Headline,
                Link = articles[c.ArticleId].ReaderLink,
                OutletName = articles[c.ArticleId].SourceName,
                Provisional = articles[c.ArticleId].Outlet!.IsProvisional,
                Locale = articles[c.ArticleId].Locale,
                PublishedAt = articles[c.ArticleId].PublishedAt,
                Lead = leads.GetValueOrDefault(c.ArticleId),
            }).ToList(),
        };
        digest.ContentHash = ContentHash(digest);
        return digest;
    }

    /// <summary>Stores the snapshot as the next version unless the latest version has the same content.</summary>
    private async Task<(Digest Stored, bool Created)> StoreAsync(Digest digest, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AdvisoryLock.HoldForTransactionAsync(db, AdvisoryLock.DigestBuild(digest.TopicId, digest.Date), cancellationToken);
        var latest = await db.Digests.AsNoTracking()
            .Where(d => d.TopicId == digest.TopicId && d.Date == digest.Date)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.ContentHash == digest.ContentHash)
        {
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Digest {Topic} {Date} unchanged: version {Version} kept", digest.TopicSlug, digest.Date, latest.Version);
            return (latest, false);
        }
        digest.Version = (latest?.Version ?? 0) + 1;
        db.Digests.Add(digest);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Digest {Topic} {Date} version {Version}: {PerSide} articles per side, highlights by {Highlighter}",
            digest.TopicSlug, digest.Date, digest.Version, digest.PerSideCount, digest.Highlighter);
        return (digest, true);
    }

    private static string ContentHash(Digest digest)
    {
        var text = new StringBuilder().Append(digest.Title).Append('\n').Append(digest.TopicName).Append('\n');
        foreach (var p in digest.Sides) text.Append("p|").Append(p.Side.ToCode()).Append('|').Append(p.Name).Append('|').Append(p.ArticleCount).Append('\n');
        foreach (var h in digest.Highlights) text.Append("h|").Append(h.Side?.ToCode()).Append('|').Append(h.StoryId).Append('|').Append(h.Text).Append('\n');
        foreach (var a in digest.Articles)
            text.Append("a|").Append(a.ArticleId).Append('|').Append(a.StoryId).Append('|').Append(a.Side.ToCode()).Append('|').Append(a.Headline).Append('|').Append(a.Link)
                .Append('|').Append(a.OutletName).Append(a.Provisional ? "|provisional" : "").Append('|').Append(a.Locale).Append('|').Append(a.PublishedAt.ToUnixTimeSeconds()).Append('|').Append(a.Lead).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Whatever a highlighter returns is stored: text cleaned like feed text (PostgreSQL refuses a NUL) and cut to its
    /// column, so no answer can make the day's digest fail.
    /// </summary>
    private static string Storable(string text, int column) => ColumnLengths.Fit(Parsing.FeedText.Clean(text), column);
}
