using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Registry;

public sealed record PublicOutlet(string Name, string? Country, string? Notes, string? ProvisionalRule);

public sealed record PublicSideGroup(string Code, string Title, IReadOnlyList<PublicOutlet> Outlets);

/// <summary>The registry as readers see it on /outlets: each side's outlets and the number awaiting review.</summary>
public sealed record PublicRegistryListing(IReadOnlyList<PublicSideGroup> Groups, int AwaitingReview);

/// <summary>Reads the public view of the registry: every classified outlet by side, with why it is there.</summary>
public sealed class PublicRegistry(AppDbContext db)
{
    public async Task<PublicRegistryListing> ListAsync(CancellationToken cancellationToken)
    {
        var outlets = await db.Outlets.AsNoTracking()
            .Where(o => o.Side != Side.Unclassified)
            .OrderBy(o => o.Name)
            .Select(o => new { o.Side, Row = new PublicOutlet(o.Name, o.Country, o.Notes, o.ProvisionalRule) })
            .ToListAsync(cancellationToken);
        var awaitingReview = await db.Outlets.CountAsync(Outlet.AwaitsReview, cancellationToken);
        return new PublicRegistryListing(
        [
            new("us", "United States side", outlets.Where(o => o.Side == Side.Us).Select(o => o.Row).ToList()),
            new("china", "China side", outlets.Where(o => o.Side == Side.China).Select(o => o.Row).ToList()),
            new("neutral", "Neutral (neither side)", outlets.Where(o => o.Side == Side.Neutral).Select(o => o.Row).ToList()),
        ], awaitingReview);
    }
}
