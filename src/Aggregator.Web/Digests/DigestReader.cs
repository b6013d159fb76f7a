using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Digests;

/// <summary>Reads published digests: always the latest version of a day, with its lines, highlights and sides.</summary>
public sealed class DigestReader(AppDbContext db)
{
    public Task<Digest?> LatestAsync(int topicId, DateOnly date, CancellationToken cancellationToken) =>
        db.Digests.AsNoTracking().AsSplitQuery()
            .Include(d => d.Perspectives).Include(d => d.Highlights).Include(d => d.Articles)
            .Where(d => d.TopicId == topicId && d.Date == date)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The newest day's digest of a topic, if it has any.</summary>
    public async Task<Digest?> NewestAsync(int topicId, CancellationToken cancellationToken)
    {
        var date = await db.Digests.Where(d => d.TopicId == topicId).OrderByDescending(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken);
        return date is { } day ? await LatestAsync(topicId, day, cancellationToken) : null;
    }

    /// <summary>The days that have a digest, newest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(int topicId, CancellationToken cancellationToken) =>
        await db.Digests.Where(d => d.TopicId == topicId).Select(d => d.Date).Distinct().OrderByDescending(d => d).ToListAsync(cancellationToken);

    /// <summary>The latest version of each of the newest <paramref name="days"/> days, for feeds.</summary>
    public async Task<IReadOnlyList<Digest>> RecentAsync(int topicId, int days, CancellationToken cancellationToken) =>
        await db.Digests.AsNoTracking().AsSplitQuery()
            .Include(d => d.Perspectives).Include(d => d.Highlights).Include(d => d.Articles)
            .Where(d => d.TopicId == topicId && !db.Digests.Any(newer => newer.TopicId == d.TopicId && newer.Date == d.Date && newer.Version > d.Version))
            .OrderByDescending(d => d.Date)
            .Take(days)
            .ToListAsync(cancellationToken);
}
