using System.Text.RegularExpressions;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Scheduling;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Topics;

public sealed partial class EditModel(
    AppDbContext db, ScheduleSynchronizer schedules, TopicJobs jobs, TimeProvider clock) : AdminPageModel
{
    public sealed class TopicInput
    {
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string UsName { get; set; } = "United States";
        public string ChinaName { get; set; } = "China";
        public int Quota { get; set; } = Topic.DefaultPerSideQuota;
        public int DigestHour { get; set; } = Topic.DefaultDigestHourUtc;
        public int FetchInterval { get; set; } = Topic.DefaultFetchIntervalMinutes;
        public bool Enabled { get; set; } = true;
        public bool IncludeProvisional { get; set; } = true;
        public int BlindspotMinArticles { get; set; } = Topic.DefaultBlindspotMinArticles;
        public int BlindspotMinOutlets { get; set; } = Topic.DefaultBlindspotMinOutlets;
        /// <summary>The digest languages as ISO 639-1 codes separated by commas or spaces ("en", "en, zh").</summary>
        public string Languages { get; set; } = "en";
    }

    public sealed record FeedRow(int Id, string Name, string Source, bool Enabled, DateTimeOffset? LastCheckedAt, DateTimeOffset? NextCheckAt, int ConsecutiveFailures, string? LastError);

    [FromRoute] public int? Id { get; set; }
    [BindProperty] public TopicInput Input { get; set; } = new();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<FeedRow> Feeds { get; private set; } = [];
    public DateOnly LatestClosedDay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return Page();
        var topic = await db.Topics.AsNoTracking().Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == Id, cancellationToken);
        if (topic is null) return NotFound();
        Input = new TopicInput
        {
            Slug = topic.Slug,
            Name = topic.Name,
            UsName = topic.Sides.FirstOrDefault(p => p.Side == Side.Us)?.Name ?? "United States",
            ChinaName = topic.Sides.FirstOrDefault(p => p.Side == Side.China)?.Name ?? "China",
            Quota = topic.PerSideQuota,
            DigestHour = topic.DigestHourUtc,
            FetchInterval = topic.FetchIntervalMinutes,
            Enabled = topic.Enabled,
            IncludeProvisional = topic.IncludeProvisional,
            BlindspotMinArticles = topic.BlindspotMinArticles,
            BlindspotMinOutlets = topic.BlindspotMinOutlets,
            Languages = string.Join(", ", topic.Languages),
        };
        await LoadFeedsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var errors = Validate();
        if (await db.Topics.AnyAsync(t => t.Slug == Input.Slug && t.Id != Id, cancellationToken)) errors.Add($"another topic already uses the slug '{Input.Slug}'");
        Topic? topic = null;
        if (Id is not null)
        {
            topic = await db.Topics.Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == Id, cancellationToken);
            if (topic is null) return NotFound();
        }
        if (errors.Count > 0)
        {
            Errors = errors;
            await LoadFeedsAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow();
        var before = topic is null ? null : Snapshot(topic);
        topic ??= db.Topics.Add(new Topic { Slug = Input.Slug, Name = Input.Name, CreatedAt = now }).Entity;
        topic.Slug = Input.Slug.Trim();
        topic.Name = Input.Name.Trim();
        topic.PerSideQuota = Input.Quota;
        topic.DigestHourUtc = Input.DigestHour;
        topic.FetchIntervalMinutes = Input.FetchInterval;
        topic.Enabled = Input.Enabled;
        topic.IncludeProvisional = Input.IncludeProvisional;
        topic.BlindspotMinArticles = Input.BlindspotMinArticles;
        topic.BlindspotMinOutlets = Input.BlindspotMinOutlets;
        topic.Languages = LanguageCodes(Input.Languages);
        SetSide(topic, Side.Us, Input.UsName, 0);
        SetSide(topic, Side.China, Input.ChinaName, 1);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(Actor, before is null ? AuditActions.TopicCreated : AuditActions.TopicUpdated, "topic", topic.Id, before, Snapshot(topic), now));
        await db.SaveChangesAsync(cancellationToken);
        await schedules.SynchronizeAsync(cancellationToken);
        // Readers' cached pages name the topic and its sides, list enabled topics and draw blindspots by its thresholds.
        await DigestCache.SignalChangeAsync(db, cancellationToken);
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
        Status($"The {day:yyyy-MM-dd} digest is queued as job {jobs.PublishDigest(slug, day)}: its result shows under Jobs in a moment.");
        return RedirectToPage(new { id = Id });
    }

    private List<string> Validate()
    {
        var errors = new List<string>();
        if (!SlugPattern().IsMatch(Input.Slug ?? "")) errors.Add("the slug must be lower-case letters and digits separated by single hyphens");
        if (string.IsNullOrWhiteSpace(Input.Name)) errors.Add("the name is required");
        if (string.IsNullOrWhiteSpace(Input.UsName) || string.IsNullOrWhiteSpace(Input.ChinaName)) errors.Add("both sides need a name");
        if (Input.Quota is < 1 or > 50) errors.Add("articles per side must be between 1 and 50");
        if (Input.DigestHour is < 0 or > 23) errors.Add("the digest hour must be between 0 and 23");
        if (Input.FetchInterval is < 5 or > 1440) errors.Add("the fetch interval must be between 5 and 1440 minutes");
        if (Input.BlindspotMinArticles is < 1 or > 100) errors.Add("a blindspot's least number of articles must be between 1 and 100");
        if (Input.BlindspotMinOutlets is < 1 or > 50) errors.Add("a blindspot's least number of outlets must be between 1 and 50");
        var languages = LanguageCodes(Input.Languages);
        if (languages.Count is 0 or > 10 || languages.Any(code => !LanguagePattern().IsMatch(code)))
            errors.Add("the digest languages must be one to ten two-letter language codes, such as \"en\" or \"en, zh\"");
        return errors;
    }

    private static List<string> LanguageCodes(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => code.ToLowerInvariant()).Distinct().ToList();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguagePattern();

    private static void SetSide(Topic topic, Side side, string name, int position)
    {
        var existing = topic.Sides.FirstOrDefault(s => s.Side == side);
        if (existing is null) topic.Sides.Add(new TopicSide { Side = side, Name = name.Trim(), Position = position });
        else existing.Name = name.Trim();
    }

    private static object Snapshot(Topic t) => new
    {
        t.Slug, t.Name, t.PerSideQuota, t.DigestHourUtc, t.FetchIntervalMinutes, t.Enabled, t.IncludeProvisional, t.BlindspotMinArticles, t.BlindspotMinOutlets,
        Languages = string.Join(",", t.Languages),
        Sides = t.Sides.OrderBy(p => p.Position).Select(p => $"{p.Side.ToCode()}:{p.Name}").ToList(),
    };

    private async Task LoadFeedsAsync(CancellationToken cancellationToken)
    {
        if (Id is null) return;
        var topic = await db.Topics.AsNoTracking().SingleAsync(t => t.Id == Id, cancellationToken);
        LatestClosedDay = DigestWindow.LatestClosedDate(topic, clock.GetUtcNow());
        var feeds = await db.Feeds.AsNoTracking().Where(f => f.TopicId == Id).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        Feeds = feeds.Select(f => new FeedRow(f.Id, f.Name, f.Kind == FeedKind.GoogleNews ? $"Google News: {f.Query} ({f.Edition})" : f.Url ?? "",
            f.Enabled, f.LastCheckedAt, f.NextCheckAt, f.ConsecutiveFailures, f.LastError)).ToList();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
