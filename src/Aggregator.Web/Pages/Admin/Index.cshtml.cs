using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin;

public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    public int Outlets { get; private set; }
    public int AwaitingReview { get; private set; }
    public int Us { get; private set; }
    public int China { get; private set; }
    public int Neutral { get; private set; }
    public long Articles { get; private set; }
    public int FailingFeeds { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Outlets.GroupBy(o => o.Side).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Outlets = counts.Values.Sum();
        AwaitingReview = await db.Outlets.CountAsync(Outlet.AwaitsReview, cancellationToken);
        Us = counts.GetValueOrDefault(Side.Us);
        China = counts.GetValueOrDefault(Side.China);
        Neutral = counts.GetValueOrDefault(Side.Neutral);
        Articles = await db.Articles.LongCountAsync(cancellationToken);
        FailingFeeds = await db.Feeds.CountAsync(f => f.ConsecutiveFailures > 0, cancellationToken);
    }
}
