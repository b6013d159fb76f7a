using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Topics;

public sealed class IndexModel(AppDbContext db, PublisherLinkRows publisherLinks, ArticleTextRows articleTexts, TimeProvider clock) : AdminPageModel
{
    public sealed record Row(int Id, string Slug, string Name, IReadOnlyList<string> Sides, int Quota, int DigestHour, int FetchInterval, int Feeds, int Failing, bool Enabled, bool FetchArticleText);

    /// <summary>How long back the publisher-link figures reach.</summary>
    public static readonly TimeSpan PublisherLinkPeriod = TimeSpan.FromHours(48);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyDictionary<int, PublisherLinkRows.Summary> PublisherLinks { get; private set; } = new Dictionary<int, PublisherLinkRows.Summary>();

    /// <summary>Each topic's page fetches over the same period: texts read, failures by kind, the latest failure.</summary>
    public IReadOnlyDictionary<int, ArticleTextRows.Summary> ArticleTexts { get; private set; } = new Dictionary<int, ArticleTextRows.Summary>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Rows = await db.Topics.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new Row(t.Id, t.Slug, t.Name, t.Sides.OrderBy(p => p.Position).Select(p => p.Name).ToList(),
                t.PerSideQuota, t.DigestHourUtc, t.FetchIntervalMinutes, t.Feeds.Count, t.Feeds.Count(f => f.ConsecutiveFailures > 0), t.Enabled, t.FetchArticleText))
            .ToListAsync(cancellationToken);
        PublisherLinks = await publisherLinks.SummariesAsync(clock.GetUtcNow() - PublisherLinkPeriod, cancellationToken);
        ArticleTexts = await articleTexts.SummariesAsync(clock.GetUtcNow() - PublisherLinkPeriod, cancellationToken);
    }
}
