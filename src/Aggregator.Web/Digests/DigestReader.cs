using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

/// <summary>
/// Reads what readers see, by topic slug: the enabled topic, and its published digests, always the latest version
/// of a day with its lines, highlights and sides. A disabled or unknown topic has none.
/// </summary>
public sealed class DigestReader(AppDbContext db)
{
    public Task<Topic?> TopicAsync(string slug, CancellationToken cancellationToken) =>
        db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == slug && t.Enabled, cancellationToken);

    public Task<Digest?> LatestAsync(string slug, DateOnly date, CancellationToken cancellationToken) =>
        WithContent(DigestsOf(slug))
            .Where(d => d.Date == date)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The newest day's digest of a topic, if it has any.</summary>
    public async Task<Digest?> NewestAsync(string slug, CancellationToken cancellationToken)
    {
        var date = await DigestsOf(slug).OrderByDescending(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken);
        return date is { } day ? await LatestAsync(slug, day, cancellationToken) : null;
    }

    /// <summary>The days before and after <paramref name="date"/> that have a digest, if any.</summary>
    public async Task<(DateOnly? Previous, DateOnly? Next)> NeighboursAsync(string slug, DateOnly date, CancellationToken cancellationToken) =>
        (await DigestsOf(slug).Where(d => d.Date < date).OrderByDescending(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken),
         await DigestsOf(slug).Where(d => d.Date > date).OrderBy(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The days that have a digest, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(string slug, CancellationToken cancellationToken) =>
        await DigestsOf(slug).Select(d => d.Date).Distinct().OrderByDescending(d => d).ToListAsync(cancellationToken);

    /// <summary>The home page: every enabled topic, by name, with a glance at its recent digests.</summary>
    public async Task<IReadOnlyList<TopicGlance>> GlancesAsync(CancellationToken cancellationToken)
    {
        var topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var recent = await RecentDaysOfEachTopicAsync(TopicGlance.GlanceDays, cancellationToken);
        return topics.Select(t => TopicGlance.Of(t, recent)).ToList();
    }

    /// <summary>
    /// The latest version of every digest of each enabled topic within <paramref name="days"/> days of that topic's newest
    /// digest (counted back from its data, never from today), with sides, highlights and articles: one round of queries
    /// whatever the number of topics.
    /// </summary>
    private async Task<IReadOnlyList<Digest>> RecentDaysOfEachTopicAsync(int days, CancellationToken cancellationToken) =>
        await WithContent(db.Digests.AsNoTracking())
            .Where(d => db.Topics.Any(t => t.Id == d.TopicId && t.Enabled))
            .Where(d => !db.Digests.Any(newer => newer.TopicId == d.TopicId && newer.Date == d.Date && newer.Version > d.Version))
            .Where(d => !db.Digests.Any(newer => newer.TopicId == d.TopicId && newer.Date >= d.Date.AddDays(days)))
            .OrderBy(d => d.TopicId).ThenByDescending(d => d.Date)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// The day reader pages (trends, blindspots) count back from: today while the topic's digests are current; otherwise
    /// its newest digest day, so a topic whose data stopped (a replayed sample, fetching halted) shows its last weeks, not
    /// empty ones. Pages say so when it is not today.
    /// </summary>
    public async Task<ReaderAnchor> AnchorAsync(Topic topic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newest = await db.Digests.Where(d => d.TopicId == topic.Id).MaxAsync(d => (DateOnly?)d.Date, cancellationToken);
        return newest is { } day && day < DigestWindow.LatestClosedDate(topic, now)
            ? new ReaderAnchor(day, OnNewestData: true)
            : new ReaderAnchor(DateOnly.FromDateTime(now.UtcDateTime), OnNewestData: false);
    }

    /// <summary>Up to <paramref name="count"/> days of the topic that have a digest, on or before <paramref name="until"/>, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DigestDaysAsync(int topicId, DateOnly until, int count, CancellationToken cancellationToken) =>
        await db.Digests.Where(d => d.TopicId == topicId && d.Date <= until).Select(d => d.Date).Distinct()
            .OrderByDescending(d => d).Take(count).ToListAsync(cancellationToken);

    /// <summary>The latest version of each of the newest <paramref name="days"/> days, for feeds.</summary>
    public async Task<IReadOnlyList<Digest>> RecentAsync(string slug, int days, CancellationToken cancellationToken) =>
        await WithContent(DigestsOf(slug))
            .Where(d => !db.Digests.Any(newer => newer.TopicId == d.TopicId && newer.Date == d.Date && newer.Version > d.Version))
            .OrderByDescending(d => d.Date)
            .Take(days)
            .ToListAsync(cancellationToken);

    private IQueryable<Digest> DigestsOf(string slug) =>
        db.Digests.AsNoTracking().Where(d => db.Topics.Any(t => t.Id == d.TopicId && t.Slug == slug && t.Enabled));

    private static IQueryable<Digest> WithContent(IQueryable<Digest> digests) =>
        digests.AsSplitQuery().Include(d => d.Sides).Include(d => d.Highlights).Include(d => d.Articles);
}

/// <summary>The day reader pages count back from, and whether it is the topic's newest digest day rather than today.</summary>
public sealed record ReaderAnchor(DateOnly Day, bool OnNewestData);
