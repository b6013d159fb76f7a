using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Stories;

/// <summary>The outcome of an admin's split or merge: the story the article or stories are now in, or why nothing changed.</summary>
public sealed record StoryEdit(bool Succeeded, long StoryId, string Message)
{
    public static StoryEdit Done(long storyId, string message) => new(true, storyId, message);
    public static StoryEdit Failed(string message) => new(false, 0, message);
}

/// <summary>
/// Gives a topic's articles their stories in the database: the placement stage. Ingest stores articles only; then
/// <see cref="PlaceUnplacedAsync"/> (a job after every fetch, and the first step of every digest build) embeds the new
/// headlines and places them; <see cref="ReclusterAsync"/> rebuilds the stories of a date range. Both hold the
/// topic's story lock, so placements of one topic take turns on any instance. Articles an admin placed (pinned) never move.
/// </summary>
public sealed class StoryStore(AppDbContext db, StoryRows rows, EmbeddingStore embeddings, TimeProvider clock, ILogger<StoryStore> logger)
{
    /// <summary>Articles placed per transaction: a large backlog moves on in steps, each against the stories before it.</summary>
    public const int PlacementChunk = 5_000;

    /// <summary>
    /// How far back from the new articles placement reconsiders placed ones: a headline placed on an earlier fetch,
    /// before its true partner arrived, may move when the partner comes. Two gaps, since an event's follow-ups come
    /// within a day or so.
    /// </summary>
    public TimeSpan ReplanSpan => Settings.Gap * 2;

    /// <summary>The topic's recent headlines that weigh the terms (IDF): the two weeks up to the articles placed.</summary>
    public static readonly TimeSpan TermContext = TimeSpan.FromDays(14);

    /// <summary>At most this many recent headlines weigh the terms: a very busy topic reads its newest ones.</summary>
    public const int TermContextLimit = 20_000;

    public StoryEngineSettings Settings { get; init; } = StoryEngineSettings.Default;

    /// <summary>
    /// Places every article of the topic that has no story yet, oldest first, in chunks. Each chunk is placed together
    /// with the unpinned articles of the last <see cref="ReplanSpan"/> in the stories it touches (those with a headline
    /// near enough to a new one to join or reshape them; <see cref="StoryEngine.Touched"/>), so placement on every
    /// fetch gives the stories one batch run over those days would give. Cheap when there are none (a partial index
    /// holds only unplaced articles). Returns how many it placed.
    /// </summary>
    public async Task<int> PlaceUnplacedAsync(int topicId, CancellationToken cancellationToken)
    {
        var placed = 0;
        while (true)
        {
            var unplaced = await db.ArticleTopics.Where(m => m.TopicId == topicId && m.StoryId == null)
                .Join(db.Articles.Where(a => !a.IsOutletPage), m => m.ArticleId, a => a.Id, (m, a) => new { a.Id, a.PublishedAt })
                .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Take(PlacementChunk).ToListAsync(cancellationToken);
            if (unplaced.Count == 0) return placed;
            // The model runs before the story lock is taken: placements of the topic wait only for the clustering.
            await embeddings.EnsureAsync(unplaced.Select(a => a.Id).ToList(), cancellationToken);
            var moved = 0;
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                moved = await PlaceChunkAsync(topicId, unplaced.Select(a => a.Id).ToList(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            placed += unplaced.Count;
            logger.LogInformation("Placed {Articles} articles of topic {TopicId} in stories ({Replaced} placed ones re-placed with them)",
                unplaced.Count, topicId, moved);
        }
    }

    /// <summary>One chunk of <see cref="PlaceUnplacedAsync"/>, inside its transaction. Returns how many placed articles it re-placed.</summary>
    private async Task<int> PlaceChunkAsync(int topicId, IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        await AdvisoryLock.HoldForTransactionAsync(db, AdvisoryLock.TopicStories(topicId), cancellationToken);
        var incoming = await ReadIncomingAsync(topicId, articleIds, cancellationToken);
        if (incoming.Count == 0) return 0;
        var (first, last) = (incoming.Min(h => h.PublishedAt), incoming.Max(h => h.PublishedAt));
        var since = Shift(first, -ReplanSpan);
        var known = await ReadKnownAsync(topicId, Shift(since, -Settings.Gap), Shift(last, Settings.Gap), cancellationToken);
        var terms = await ReadTermContextAsync(topicId, last, cancellationToken);

        var touched = StoryEngine.Touched(known, incoming, Settings, terms);
        var formerStories = new Dictionary<long, long>();
        if (touched.Count > 0)
        {
            var released = await rows.ReleaseAsync(topicId, touched.ToArray(), since, cancellationToken);
            // The released members leave their known stories and are placed again with the new articles.
            var remaining = new List<KnownStory>();
            foreach (var story in known)
            {
                foreach (var member in story.Members.Where(m => released.Contains(m.Key)))
                {
                    formerStories[member.Key] = story.Id;
                    incoming.Add(member);
                }
                var kept = story.Members.Where(m => !released.Contains(m.Key)).ToList();
                if (kept.Count > 0) remaining.Add(story with { Members = kept });
            }
            known = remaining;
            await RefreshAsync(formerStories.Values.Distinct().ToArray(), cancellationToken);
        }

        var placement = await PlanAsync(topicId, known, incoming, terms, formerStories, cancellationToken);
        await SetStoriesAsync(topicId, placement, cancellationToken);
        await RefreshAsync(placement.Values.Distinct().ToArray(), cancellationToken);
        await PruneEmptiedAsync(formerStories.Values.Distinct().ToArray(), cancellationToken);
        return formerStories.Count;
    }

    /// <summary>
    /// Takes the unpinned articles of the topic published on <paramref name="from"/> through <paramref name="to"/> (UTC days)
    /// out of their stories and places them again. A rebuilt story keeps the id of the old story most of its articles
    /// came from, so links to stories stay good where the grouping did not change. Returns (articles, stories after).
    /// </summary>
    public Task<(int Articles, int Stories)> ReclusterAsync(int topicId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        ReclusterAsync(topicId, new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken);

    private async Task<(int Articles, int Stories)> ReclusterAsync(int topicId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        // Only what lacks an embedding is embedded, before the lock: the range and the stories it reaches into.
        var near = await db.ArticleTopics.Where(m => m.TopicId == topicId)
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => new { a.Id, a.PublishedAt })
            .Where(a => a.PublishedAt >= Shift(start, -Settings.Gap) && a.PublishedAt < Shift(end, Settings.Gap)).Select(a => a.Id).ToListAsync(cancellationToken);
        await embeddings.EnsureAsync(near, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AdvisoryLock.HoldForTransactionAsync(db, AdvisoryLock.TopicStories(topicId), cancellationToken);
            var formerStories = await rows.ReleaseRangeAsync(topicId, start, end, cancellationToken);
            var former = formerStories.Values.Where(id => id != 0).Distinct().ToArray();
            await RefreshAsync(former, cancellationToken);
            var incoming = await ReadIncomingAsync(topicId, formerStories.Keys, cancellationToken);
            if (incoming.Count > 0)
            {
                var (first, last) = (incoming.Min(h => h.PublishedAt), incoming.Max(h => h.PublishedAt));
                var known = await ReadKnownAsync(topicId, Shift(first, -Settings.Gap), Shift(last, Settings.Gap), cancellationToken);
                var terms = await ReadTermContextAsync(topicId, last, cancellationToken);
                var placement = await PlanAsync(topicId, known, incoming, terms, formerStories, cancellationToken);
                await SetStoriesAsync(topicId, placement, cancellationToken);
                await RefreshAsync(placement.Values.Distinct().ToArray(), cancellationToken);
            }
            await PruneEmptiedAsync(former, cancellationToken);
            var articleIds = formerStories.Keys.ToArray();
            var stories = await db.ArticleTopics
                .Where(m => m.TopicId == topicId && articleIds.Contains(m.ArticleId))
                .Select(m => m.StoryId).Distinct().CountAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (formerStories.Count, stories);
        });
    }

    /// <summary>
    /// Moves one article of a topic out of its story into a story of its own, which takes no other articles; the
    /// article is pinned there, so reclustering keeps the split. Audited. Returns the new story's id, or an error.
    /// </summary>
    public Task<StoryEdit> SplitAsync(int topicId, long articleId, string actor, CancellationToken cancellationToken) =>
        EditAsync(topicId, async () =>
        {
            var membership = await db.ArticleTopics.SingleOrDefaultAsync(m => m.TopicId == topicId && m.ArticleId == articleId, cancellationToken);
            if (membership?.StoryId is not { } from) return StoryEdit.Failed("That article has no story in this topic.");
            if (await db.ArticleTopics.CountAsync(m => m.StoryId == from, cancellationToken) == 1)
                return StoryEdit.Failed($"Story {from} has no other article to split from.");
            var now = clock.GetUtcNow();
            var story = new Story { TopicId = topicId, AcceptsNewArticles = false, CreatedAt = now, FirstArticleAt = now, LastArticleAt = now };
            db.Stories.Add(story);
            await db.SaveChangesAsync(cancellationToken);
            membership.StoryId = story.Id;
            membership.StoryPinned = true;
            db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.StorySplit, "story", story.Id,
                new { story = from, article = articleId }, new { story = story.Id, article = articleId }, now));
            await db.SaveChangesAsync(cancellationToken);
            await RefreshAsync([from, story.Id], cancellationToken);
            return StoryEdit.Done(story.Id, $"Article {articleId} is now story {story.Id}, apart from story {from}.");
        }, cancellationToken);

    /// <summary>
    /// Merges story <paramref name="fromId"/> into <paramref name="intoId"/>: every article of both is pinned to the
    /// merged story (so reclustering keeps them together) and the old story links to it. Audited.
    /// </summary>
    public Task<StoryEdit> MergeAsync(int topicId, long fromId, long intoId, string actor, CancellationToken cancellationToken) =>
        EditAsync(topicId, async () =>
        {
            if (fromId == intoId) return StoryEdit.Failed("A story cannot be merged into itself.");
            var stories = await db.Stories.Where(s => (s.Id == fromId || s.Id == intoId) && s.TopicId == topicId).ToListAsync(cancellationToken);
            var (from, into) = (stories.SingleOrDefault(s => s.Id == fromId), stories.SingleOrDefault(s => s.Id == intoId));
            if (from is null || into is null) return StoryEdit.Failed($"Story {(from is null ? fromId : intoId)} is not a story of this topic.");
            if (from.MergedIntoId is not null || into.MergedIntoId is not null)
                return StoryEdit.Failed($"Story {(from.MergedIntoId is not null ? fromId : intoId)} was already merged into another.");
            var before = new { from = fromId, into = intoId, articles = await db.ArticleTopics.Where(m => m.StoryId == fromId).Select(m => m.ArticleId).ToListAsync(cancellationToken) };
            await db.ArticleTopics.Where(m => m.StoryId == fromId || m.StoryId == intoId)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.StoryId, intoId).SetProperty(m => m.StoryPinned, true), cancellationToken);
            await db.Stories.Where(s => s.MergedIntoId == fromId).ExecuteUpdateAsync(set => set.SetProperty(s => s.MergedIntoId, intoId), cancellationToken);
            from.MergedIntoId = intoId;
            db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.StoryMerged, "story", intoId, before, new { story = intoId }, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await RefreshAsync([fromId, intoId], cancellationToken);
            return StoryEdit.Done(intoId, $"Story {fromId} was merged into story {intoId}.");
        }, cancellationToken);

    private async Task<StoryEdit> EditAsync(int topicId, Func<Task<StoryEdit>> edit, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await AdvisoryLock.HoldForTransactionAsync(db, AdvisoryLock.TopicStories(topicId), cancellationToken);
            var result = await edit();
            if (result.Succeeded) await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>Moves articles of the topic into the stories <paramref name="placement"/> names (article → story).</summary>
    public Task SetStoriesAsync(int topicId, IReadOnlyDictionary<long, long> placement, CancellationToken cancellationToken) =>
        rows.SetStoriesAsync(topicId, placement, cancellationToken);

    /// <summary>Runs the engine on <paramref name="incoming"/> against the <paramref name="known"/> stories; creates the new stories.</summary>
    private async Task<Dictionary<long, long>> PlanAsync(int topicId, IReadOnlyList<KnownStory> known, IReadOnlyList<StoryHeadline> incoming,
        IReadOnlyList<string> terms, IReadOnlyDictionary<long, long>? formerStories, CancellationToken cancellationToken)
    {
        if (incoming.Count == 0) return [];
        var plan = StoryEngine.Plan(known, incoming, Settings, terms);
        var ids = await NewStoryIdsAsync(topicId, plan.NewStories, formerStories, cancellationToken);
        var placement = new Dictionary<long, long>(plan.JoinKnown);
        for (var i = 0; i < plan.NewStories.Count; i++)
            foreach (var articleId in plan.NewStories[i]) placement[articleId] = ids[i];
        return placement;
    }

    private Task PruneEmptiedAsync(long[] storyIds, CancellationToken cancellationToken) => rows.PruneEmptiedAsync(storyIds, cancellationToken);

    private async Task<List<StoryHeadline>> ReadIncomingAsync(int topicId, IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        var unplaced = await rows.UnplacedAsync(topicId, articleIds, cancellationToken);
        var vectors = await embeddings.ReadAsync(unplaced.Select(r => r.Id).ToList(), cancellationToken);
        return unplaced.Select(r => Headline(r, vectors)).ToList();
    }

    private static StoryHeadline Headline(StoryArticleRow row, IReadOnlyDictionary<long, float[]> vectors) =>
        new(row.Id, row.Headline, row.PublishedAt, row.Side, vectors.GetValueOrDefault(row.Id, []));

    /// <summary>The topic's headlines of the <see cref="TermContext"/> up to <paramref name="until"/> (and a gap after): the term statistics.</summary>
    private Task<List<string>> ReadTermContextAsync(int topicId, DateTimeOffset until, CancellationToken cancellationToken) =>
        rows.HeadlinesAsync(topicId, Shift(until, -TermContext), Shift(until, Settings.Gap), TermContextLimit, cancellationToken);

    /// <summary>The topic's stories that reach into [from, to], with their articles: the candidates and the term statistics.</summary>
    private async Task<List<KnownStory>> ReadKnownAsync(int topicId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var members = await rows.StoriesReachingAsync(topicId, from, to, cancellationToken);
        // Articles placed before embeddings existed (an upgraded installation) are embedded here, once.
        var vectors = await embeddings.ReadAsync(members.Select(r => r.Article.Id).ToList(), cancellationToken);
        return members.GroupBy(r => (r.StoryId, r.AcceptsNewArticles))
            .Select(g => new KnownStory(g.Key.StoryId, g.Select(r => Headline(r.Article, vectors)).ToList(), g.Key.AcceptsNewArticles))
            .ToList();
    }

    /// <summary>
    /// An id for each new story: when reclustering, the emptied old story most of its articles came from (each id
    /// used once), otherwise a fresh one. The rows are written with their counts filled in by <see cref="RefreshAsync"/>.
    /// </summary>
    private async Task<long[]> NewStoryIdsAsync(
        int topicId, IReadOnlyList<IReadOnlyList<long>> newStories, IReadOnlyDictionary<long, long>? formerStories, CancellationToken cancellationToken)
    {
        var ids = new long[newStories.Count];
        var reusable = new HashSet<long>();
        if (formerStories is not null)
        {
            var candidates = formerStories.Values.Distinct().ToArray();
            var emptied = await db.Stories
                .Where(s => candidates.Contains(s.Id) && s.ArticleCount == 0 && s.MergedIntoId == null)
                .Select(s => s.Id).ToListAsync(cancellationToken);
            reusable.UnionWith(emptied);
            // Biggest stories choose first, so the id follows the bulk of the old story.
            foreach (var i in Enumerable.Range(0, newStories.Count).OrderByDescending(i => newStories[i].Count).ThenBy(i => i))
            {
                var choice = newStories[i].Select(a => formerStories.GetValueOrDefault(a)).Where(reusable.Contains)
                    .GroupBy(id => id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();
                if (choice == 0) continue;
                ids[i] = choice;
                reusable.Remove(choice);
            }
        }
        var fresh = ids.Count(id => id == 0);
        if (fresh == 0) return ids;
        var freshIds = await rows.AddEmptyAsync(topicId, fresh, cancellationToken);
        var next = 0;
        for (var i = 0; i < ids.Length; i++)
            if (ids[i] == 0) ids[i] = freshIds[next++];
        return ids;
    }

    /// <summary>Recomputes the time span and article count of <paramref name="storyIds"/> from their articles.</summary>
    public Task RefreshAsync(long[] storyIds, CancellationToken cancellationToken) => rows.RefreshAsync(storyIds, cancellationToken);

    private static DateTimeOffset Shift(DateTimeOffset at, TimeSpan by) =>
        by < TimeSpan.Zero
            ? (at - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue : at + by)
            : (DateTimeOffset.MaxValue - at < by ? DateTimeOffset.MaxValue : at + by);
}
