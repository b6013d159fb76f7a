using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Pages.Admin.Topics;

public sealed class FeedModel(AppDbContext db, IOptions<FetchOptions> fetching, TimeProvider clock) : AdminPageModel
{
    public sealed class FeedInput
    {
        public string Name { get; set; } = "";
        public string Kind { get; set; } = nameof(FeedKind.GoogleNews);
        public string? Query { get; set; }
        public string? Edition { get; set; } = "en-US";
        public string? Url { get; set; }
        public bool Enabled { get; set; } = true;
    }

    [FromRoute] public int TopicId { get; set; }
    [FromRoute] public int? Id { get; set; }
    [BindProperty] public FeedInput Input { get; set; } = new();

    public string TopicName { get; private set; } = "";
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<FetchRun> Runs { get; private set; } = [];
    public DateTimeOffset? NextCheckAt { get; private set; }
    public int ConsecutiveFailures { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(cancellationToken)) return NotFound();
        if (Id is null) return Page();
        var feed = await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == Id && f.TopicId == TopicId, cancellationToken);
        if (feed is null) return NotFound();
        Input = new FeedInput { Name = feed.Name, Kind = feed.Kind.ToString(), Query = feed.Query, Edition = feed.Edition, Url = feed.Url, Enabled = feed.Enabled };
        await LoadStateAsync(feed, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadTopicAsync(cancellationToken)) return NotFound();
        Feed? feed = null;
        if (Id is not null)
        {
            feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == Id && f.TopicId == TopicId, cancellationToken);
            if (feed is null) return NotFound();
        }
        var errors = Validate(out var kind);
        if (await db.Feeds.AnyAsync(f => f.TopicId == TopicId && f.Name == Input.Name.Trim() && f.Id != Id, cancellationToken))
            errors.Add($"this topic already has a feed named '{Input.Name}'");
        if (errors.Count > 0)
        {
            Errors = errors;
            if (feed is not null) await LoadStateAsync(feed, cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow();
        var before = feed is null ? null : Snapshot(feed);
        feed ??= db.Feeds.Add(new Feed { Name = Input.Name, TopicId = TopicId, CreatedAt = now }).Entity;
        feed.Name = Input.Name.Trim();
        feed.ChangeSource(kind, Input.Query, Input.Edition, Input.Url);
        feed.Enabled = Input.Enabled;
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(Actor, before is null ? AuditActions.FeedCreated : AuditActions.FeedUpdated, "feed", feed.Id, before, Snapshot(feed), now));
        await db.SaveChangesAsync(cancellationToken);
        Status($"Saved feed {feed.Name}.");
        return RedirectToPage(new { topicId = TopicId, id = feed.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == Id && f.TopicId == TopicId, cancellationToken);
        if (feed is null) return NotFound();
        db.AuditEntries.Add(AuditEntry.Create(Actor, AuditActions.FeedDeleted, "feed", feed.Id, Snapshot(feed), null, clock.GetUtcNow()));
        db.Feeds.Remove(feed);
        await db.SaveChangesAsync(cancellationToken);
        Status($"Deleted feed {feed.Name} (its articles stay).");
        return Redirect($"/admin/topics/edit/{TopicId}");
    }

    private List<string> Validate(out FeedKind kind)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Input.Name)) errors.Add("the name is required");
        if (!Enum.TryParse(Input.Kind, out kind)) errors.Add("choose a source kind");
        else if (kind == FeedKind.GoogleNews)
        {
            if (string.IsNullOrWhiteSpace(Input.Query)) errors.Add("a Google News feed needs a search query");
            if (string.IsNullOrWhiteSpace(Input.Edition) || !System.Text.RegularExpressions.Regex.IsMatch(Input.Edition.Trim(), "^[a-zA-Z]{2,3}(-[a-zA-Z]{2})?$"))
                errors.Add("the edition must look like en-US");
        }
        else if (FeedText.HttpLink(Input.Url) is not { } url) errors.Add("an outlet feed needs an http or https URL");
        else if (IsLocal(new Uri(url))) errors.Add("an outlet feed cannot be on this machine or a private network");
        return errors;
    }

    /// <summary>
    /// A host that is plainly local (localhost, a loopback, private or link-local address in any spelling) is refused
    /// here already; names that resolve inward are refused when fetched (<see cref="PublicAddressGuard"/>).
    /// </summary>
    private bool IsLocal(Uri url) =>
        url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? !fetching.Value.AllowedAddresses.Contains("127.0.0.1")
            : System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && !PublicAddressGuard.IsPublic(address)
              && !fetching.Value.AllowedAddresses.Contains(address.ToString());

    private static object Snapshot(Feed f) => new { f.Name, Kind = f.Kind.ToString(), f.Query, f.Edition, f.Url, f.Enabled };

    private async Task<bool> LoadTopicAsync(CancellationToken cancellationToken)
    {
        TopicName = await db.Topics.Where(t => t.Id == TopicId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        return TopicName.Length > 0;
    }

    private async Task LoadStateAsync(Feed feed, CancellationToken cancellationToken)
    {
        NextCheckAt = feed.NextCheckAt;
        ConsecutiveFailures = feed.ConsecutiveFailures;
        Runs = await db.FetchRuns.AsNoTracking().Where(r => r.FeedId == feed.Id).OrderByDescending(r => r.StartedAt).Take(25).ToListAsync(cancellationToken);
    }
}
