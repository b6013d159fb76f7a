using Aggregator.Caching;
using Aggregator.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Aggregator.Pages;

[OutputCache(PolicyName = ReaderPageCache.Policy)]
public sealed class OutletsModel(PublicRegistry registry) : PageModel
{
    public IReadOnlyList<PublicSideGroup> Groups { get; private set; } = [];
    public int AwaitingReview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        (Groups, AwaitingReview) = await registry.ListAsync(cancellationToken);
}
