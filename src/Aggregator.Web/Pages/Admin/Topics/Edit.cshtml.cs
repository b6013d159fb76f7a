using System.ComponentModel.DataAnnotations;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Scheduling;
using Aggregator.Storage;
using Aggregator.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Topics;

/// <summary>A topic's settings and feeds, and its digest rebuild and fetch-now buttons; <see cref="TopicEditor"/> decides.</summary>
public sealed class EditModel(AppDbContext db, TopicEditor editor, TopicJobs jobs, ArticleTextRows texts, TimeProvider clock) : AdminPageModel
{
    /// <summary>The form, annotated with <see cref="TopicLimits"/>: the browser checks the same bounds the editor does.</summary>
    public sealed class TopicInput
    {
        [Required, RegularExpression(TopicLimits.SlugPattern), StringLength(TopicLimits.MaxSlugLength)]
        public string Slug { get; set; } = "";
        [Required, StringLength(TopicLimits.MaxNameLength)]
        public string Name { get; set; } = "";
        [Required, StringLength(TopicLimits.MaxSideNameLength)]
        public string UsName { get; set; } = SideNames.DefaultUs;
        [Required, StringLength(TopicLimits.MaxSideNameLength)]
        public string ChinaName { get; set; } = SideNames.DefaultChina;
        [Range(TopicLimits.MinPerSideQuota, TopicLimits.MaxPerSideQuota)]
        public int Quota { get; set; } = Topic.DefaultPerSideQuota;
        [Range(TopicLimits.MinDigestHour, TopicLimits.MaxDigestHour)]
        public int DigestHour { get; set; } = Topic.DefaultDigestHourUtc;
        [Range(TopicLimits.MinFetchIntervalMinutes, TopicLimits.MaxFetchIntervalMinutes)]
        public int FetchInterval { get; set; } = Topic.DefaultFetchIntervalMinutes;
        public bool Enabled { get; set; } = true;
        public bool IncludeProvisional { get; set; } = true;
        [Range(TopicLimits.MinBlindspotArticles, TopicLimits.MaxBlindspotArticles)]
        public int BlindspotMinArticles { get; set; } = Topic.DefaultBlindspotMinArticles;
        [Range(TopicLimits.MinBlindspotOutlets, TopicLimits.MaxBlindspotOutlets)]
        public int BlindspotMinOutlets { get; set; } = Topic.DefaultBlindspotMinOutlets;
        /// <summary>The digest languages as ISO 639-1 codes separated by commas or spaces ("en", "en, zh").</summary>
        [Required, StringLength(TopicLimits.MaxLanguagesLength)]
        public string Languages { get; set; } = "en";
        public bool FetchArticleText { get; set; }

        public static TopicInput Of(TopicSettings s) => new()
        {
            Slug = s.Slug, Name = s.Name, UsName = s.UsName, ChinaName = s.ChinaName, Quota = s.PerSideQuota, DigestHour = s.DigestHourUtc,
            FetchInterval = s.FetchIntervalMinutes, Enabled = s.Enabled, IncludeProvisional = s.IncludeProvisional,
            BlindspotMinArticles = s.BlindspotMinArticles, BlindspotMinOutlets = s.BlindspotMinOutlets, Languages = string.Join(", ", s.Languages),
            FetchArticleText = s.FetchArticleText,
        };

        public TopicSettings ToSettings() => new(Slug ?? "", Name ?? "", UsName ?? "", ChinaName ?? "", Quota, DigestHour, FetchInterval, Enabled,
            IncludeProvisional, BlindspotMinArticles, BlindspotMinOutlets, TopicSettings.LanguageCodes(Languages), FetchArticleText);
    }

    public sealed record FeedRow(int Id, string Name, string Source, bool Enabled, DateTimeOffset? LastCheckedAt, DateTimeOffset? NextCheckAt, int ConsecutiveFailures, string? LastError);

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public TopicInput Input { get; set; } = new();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<FeedRow> Feeds { get; private set; } = [];
    /// <summary>How many of the topic's latest page attempts are listed.</summary>
    public const int PageAttemptsShown = 50;
    public IReadOnlyList<ArticleTextRows.Attempt> PageAttempts { get; private set; } = [];
    public DateOnly LatestClosedDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return Page();
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == Id, cancellationToken);
        if (topic is null) return NotFound();
        Input = TopicInput.Of(TopicSettings.Of(topic));
        await LoadFeedsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var saved = await editor.SaveAsync(Id, Input.ToSettings(), Actor, cancellationToken);
        if (saved is null) return NotFound();
        if (saved.Topic is not { } topic)
        {
            Errors = saved.Problems;
            await LoadFeedsAsync(cancellationToken);
            return Page();
        }
        Status($"Saved topic {topic.Name}; its schedules were updated.");
        return RedirectToPage(new { id = topic.Id });
    }

    public async Task<IActionResult> OnPostFetchNowAsync(CancellationToken cancellationToken)
    {
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id, cancellationToken);
        if (topic is null) return NotFound();
        if (!topic.Enabled)
        {
            Status("This topic is disabled: enable it first.");
            return RedirectToPage(new { id = Id });
        }
        Status($"Fetch of every feed queued as job {jobs.FetchNow(topic.Slug)}: refresh this page in a moment to see the runs.");
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRebuildAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var slug = await db.Topics.Where(t => t.Id == Id).Select(t => t.Slug).SingleOrDefaultAsync(cancellationToken);
        if (slug is null) return NotFound();
        Status($"The {day.ToString(DigestWindow.DateFormat)} digest is queued as job {jobs.PublishDigest(slug, day)}: its result shows under Jobs in a moment.");
        return RedirectToPage(new { id = Id });
    }

    private async Task LoadFeedsAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return;
        var topic = await db.Topics.AsNoTracking().SingleAsync(t => t.Id == Id, cancellationToken);
        LatestClosedDay = DigestWindow.LatestClosedDate(topic, clock.GetUtcNow());
        var feeds = await db.Feeds.AsNoTracking().Where(f => f.TopicId == Id).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        Feeds = feeds.Select(f => new FeedRow(f.Id, f.Name, f.Kind == FeedKind.GoogleNews ? $"Google News: {f.Query} ({f.Edition})" : f.Url ?? "",
            f.Enabled, f.LastCheckedAt, f.NextCheckAt, f.ConsecutiveFailures, f.LastError)).ToList();
        PageAttempts = await texts.LatestAsync(Id.Value, PageAttemptsShown, cancellationToken);
    }
}
