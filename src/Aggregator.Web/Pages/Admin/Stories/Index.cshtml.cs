using System.Globalization;
using Aggregator.Model;
using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Pages.Admin.Stories;

/// <summary>A topic's stories of one day, where an admin splits an article out of a story or merges two stories.</summary>
public sealed class IndexModel(AppDbContext db, StoryStore stories, TimeProvider clock) : AdminPageModel
{
    public sealed record ArticleRow(long Id, string Headline, string Outlet, Side Side, DateTimeOffset PublishedAt, bool Pinned);
    public sealed record StoryRow(long Id, bool AcceptsNewArticles, IReadOnlyList<ArticleRow> Articles);

    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public Topic? Topic { get; private set; }
    public DateOnly Day { get; private set; }
    public IReadOnlyList<StoryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? topic, string? date, CancellationToken cancellationToken)
    {
        Topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        Topic = Topics.FirstOrDefault(t => t.Slug == topic) ?? Topics.FirstOrDefault();
        if (Topic is null) return Page();
        DateOnly? named = null;
        if (date is not null)
        {
            if (!Digests.DigestWindow.TryParseDate(date, out var parsed)) return BadRequest();
            named = parsed;
        }
        var topicId = Topic.Id;
        var latest = await db.ArticleTopics.Where(m => m.TopicId == topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => (DateTimeOffset?)a.PublishedAt).MaxAsync(cancellationToken);
        Day = named ?? DateOnly.FromDateTime((latest ?? clock.GetUtcNow()).UtcDateTime);
        var (start, end) = (new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(Day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var storyIds = db.ArticleTopics.Where(m => m.TopicId == topicId && m.StoryId != null)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { m.StoryId, a.PublishedAt })
            .Where(x => x.PublishedAt >= start && x.PublishedAt < end).Select(x => x.StoryId!.Value).Distinct();
        var members = await db.ArticleTopics.Where(m => m.TopicId == topicId && storyIds.Contains(m.StoryId!.Value))
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { StoryId = m.StoryId!.Value, m.StoryPinned, a.Id, a.Headline, a.SourceName, a.Side, a.PublishedAt })
            .ToListAsync(cancellationToken);
        var open = await db.Stories.Where(s => storyIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.AcceptsNewArticles, cancellationToken);
        Rows = members.GroupBy(m => m.StoryId)
            .Select(g => new StoryRow(g.Key, open.GetValueOrDefault(g.Key, true),
                g.OrderByDescending(m => m.PublishedAt).Select(m => new ArticleRow(m.Id, m.Headline, m.SourceName, m.Side, m.PublishedAt, m.StoryPinned)).ToList()))
            .OrderByDescending(s => s.Articles.Count).ThenBy(s => s.Id)
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSplitAsync(string topic, string date, long article, CancellationToken cancellationToken)
    {
        var topicId = await TopicIdAsync(topic, cancellationToken);
        if (topicId is null) return NotFound();
        Status((await stories.SplitAsync(topicId.Value, article, Actor, cancellationToken)).Message);
        return RedirectToPage(new { topic, date });
    }

    public async Task<IActionResult> OnPostMergeAsync(string topic, string date, long story, long? into, CancellationToken cancellationToken)
    {
        var topicId = await TopicIdAsync(topic, cancellationToken);
        if (topicId is null) return NotFound();
        Status(into is { } target
            ? (await stories.MergeAsync(topicId.Value, story, target, Actor, cancellationToken)).Message
            : "Give the number of the story to merge into.");
        return RedirectToPage(new { topic, date });
    }

    private async Task<int?> TopicIdAsync(string slug, CancellationToken cancellationToken) =>
        await db.Topics.Where(t => t.Slug == slug).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
}
