using System.Globalization;
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
    /// <summary>Days in URLs are written YYYY-MM-DD.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

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

    /// <summary>
    /// The newest digest (latest version of the newest day) of every enabled topic, with sides and highlights but not
    /// its lines: the home page's cards, in one round of queries whatever the number of topics.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, Digest>> NewestOfEachTopicAsync(CancellationToken cancellationToken) =>
        await db.Digests.AsNoTracking().AsSplitQuery().Include(d => d.Sides).Include(d => d.Highlights)
            .Where(d => db.Topics.Any(t => t.Id == d.TopicId && t.Enabled))
            .Where(d => !db.Digests.Any(newer => newer.TopicId == d.TopicId
                                                 && (newer.Date > d.Date || (newer.Date == d.Date && newer.Version > d.Version))))
            .ToDictionaryAsync(d => d.TopicId, cancellationToken);

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
