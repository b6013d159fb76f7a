using Aggregator.Caching;
using Aggregator.Digests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class IndexModel(DigestReader reader) : PageModel
{
    public IReadOnlyList<TopicGlance> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Topics = await reader.GlancesAsync(cancellationToken);
}
