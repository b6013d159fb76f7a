using System.ComponentModel.DataAnnotations;
using Aggregator.Model;
using Aggregator.Storage;
using Aggregator.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Topics;

public sealed class FeedModel(AppDbContext db, TopicEditor editor) : AdminPageModel
{
    public sealed class FeedInput
    {
        [Required, StringLength(ColumnLengths.FeedName)]
        public string Name { get; set; } = "";
        public string Kind { get; set; } = nameof(FeedKind.GoogleNews);
        [StringLength(ColumnLengths.FeedQuery)]
        public string? Query { get; set; }
        [StringLength(ColumnLengths.Locale)]
        public string? Edition { get; set; } = "en-US";
        [StringLength(ColumnLengths.FeedUrl)]
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
        var settings = new FeedSettings(Input.Name ?? "", Input.Kind, Input.Query, Input.Edition, Input.Url, Input.Enabled);
        var saved = await editor.SaveFeedAsync(TopicId, Id, settings, Actor, cancellationToken);
        if (saved is null || !await LoadTopicAsync(cancellationToken)) return NotFound();
        if (saved.Feed is not { } feed)
        {
            Errors = saved.Problems;
            if (Id is not null && await db.Feeds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == Id, cancellationToken) is { } existing)
                await LoadStateAsync(existing, cancellationToken);
            return Page();
        }
        Status($"Saved feed {feed.Name}.");
        return RedirectToPage(new { topicId = TopicId, id = feed.Id });
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is null || await editor.DeleteFeedAsync(TopicId, Id.Value, Actor, cancellationToken) is not { } feed) return NotFound();
        Status($"Deleted feed {feed.Name} (its articles stay).");
        return Redirect($"/admin/topics/edit/{TopicId}");
    }

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
