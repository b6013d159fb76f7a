using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages;

[OutputCache(PolicyName = DigestCache.Policy)]
public sealed class IndexModel(AppDbContext db, DigestReader reader) : PageModel
{
    public sealed record TopicDigest(string Slug, string Name, Digest? Digest);

    public IReadOnlyList<TopicDigest> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        var newest = await reader.NewestOfEachTopicAsync(cancellationToken);
        Topics = topics.Select(t => new TopicDigest(t.Slug, t.Name, newest.GetValueOrDefault(t.Id))).ToList();
    }
}
