using Aggregator.Caching;
using Aggregator.Digests;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class IndexModel(AppDbContext db, DigestReader reader) : PageModel
{
    public IReadOnlyList<TopicGlance> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var recent = await reader.RecentDaysOfEachTopicAsync(TopicGlance.GlanceDays, cancellationToken);
        Topics = topics.Select(t => TopicGlance.Of(t, recent)).ToList();
    }
}
