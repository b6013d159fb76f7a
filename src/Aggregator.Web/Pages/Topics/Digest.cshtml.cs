using Aggregator.Digests;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Topics;

[OutputCache(PolicyName = DigestCache.Policy)]
public sealed class DigestModel(AppDbContext db, DigestReader reader, TimeProvider clock) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    [FromRoute] public string Date { get; set; } = "";

    public Model.Digest? Digest { get; private set; }
    public DateOnly? Previous { get; private set; }
    public DateOnly? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!DigestEndpoints.TryParseDate(Date, out var date)) return BadRequest();
        var topicId = await db.Topics.Where(t => t.Slug == Slug && t.Enabled).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (topicId is null || date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) return NotFound();
        Digest = await reader.LatestAsync(topicId.Value, date, cancellationToken);
        if (Digest is null) return NotFound();
        Previous = await db.Digests.Where(d => d.TopicId == topicId && d.Date < date).OrderByDescending(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken);
        Next = await db.Digests.Where(d => d.TopicId == topicId && d.Date > date).OrderBy(d => d.Date).Select(d => (DateOnly?)d.Date).FirstOrDefaultAsync(cancellationToken);
        return Page();
    }
}
