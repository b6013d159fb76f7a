using System.Globalization;
using System.Net;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Search;

/// <summary>What a reader asked for: words (PostgreSQL websearch syntax) and filters, and the cursor of the page to show.</summary>
public sealed record SearchRequest(string Query, string? Topic, string? Side, string? Outlet, DateOnly? From, DateOnly? To, string? After);

/// <param name="HighlightedText">Where the words were found in the article's text (its page was read): a few words around them, marked.</param>
public sealed record SearchResult(long Id, string HighlightedHeadline, string Link, string Outlet, Side Side, DateTimeOffset PublishedAt, long? StoryId, string? TopicSlug,
    string? HighlightedText = null);

public enum SearchRefusal
{
    None,
    /// <summary>Input no search could take: too long, control characters, a date out of range, a cursor not ours.</summary>
    BadInput,
    /// <summary>Excluded words alone: nothing an index could find.</summary>
    NothingToFind,
    /// <summary>The search ran past <see cref="ArticleSearch.StatementTimeoutMilliseconds"/>.</summary>
    TooSlow,
}

public sealed record SearchOutcome(IReadOnlyList<SearchResult> Results, string? NextCursor, SearchRefusal Refusal = SearchRefusal.None)
{
    public static SearchOutcome Refused(SearchRefusal refusal) => new([], null, refusal);
}

/// <summary>
/// Full-text search of stored articles (headline and outlet, and the text where the page was read; English stemming,
/// PostgreSQL websearch syntax) with filters, newest first, paged by keyset (the last result's time and id), never by
/// OFFSET.
/// </summary>
public sealed class ArticleSearch(AppDbContext db)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 200;
    // ts_headline marks matches with characters feed text can never hold (ingest drops control characters), so the
    // headline is HTML-encoded first and only then are the marks turned into <mark>.
    private const string StartMark = "\u0001";
    private const string StopMark = "\u0002";

    /// <summary>
    /// A search's queries get this long: one that would take longer is cancelled in PostgreSQL and the reader asked to
    /// narrow it, instead of one request holding a core.
    /// </summary>
    public const int StatementTimeoutMilliseconds = 2_000;

    public async Task<IReadOnlyList<Topic>> EnabledTopicsAsync(CancellationToken cancellationToken) =>
        await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>One page of results for <paramref name="request"/> among <paramref name="topics"/> (the enabled ones), or why there is none.</summary>
    public async Task<SearchOutcome> SearchAsync(SearchRequest request, IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        var q = request.Query.Trim();
        if (q.Length > MaxQueryLength || HasControlCharacters(q) || HasControlCharacters(request.Outlet)) return SearchOutcome.Refused(SearchRefusal.BadInput);
        if (request.From is { } earliest && !DigestWindow.IsInRange(earliest) || request.To is { } latest && !DigestWindow.IsInRange(latest))
            return SearchOutcome.Refused(SearchRefusal.BadInput);
        if (!await SearchQueries.HasWordToFindAsync(db, q, cancellationToken)) return SearchOutcome.Refused(SearchRefusal.NothingToFind);
        // The command timeout ends a query that runs too long (Npgsql cancels it on the server) with no extra round trip.
        db.Database.SetCommandTimeout(TimeSpan.FromMilliseconds(StatementTimeoutMilliseconds));
        try
        {
            return await PageAsync(q, request, topics, cancellationToken);
        }
        catch (Exception e) when (RanOutOfTime(e))
        {
            return SearchOutcome.Refused(SearchRefusal.TooSlow);
        }
    }

    /// <summary>Feed text never holds control characters (ingest drops them), and PostgreSQL refuses a NUL in text.</summary>
    private static bool HasControlCharacters(string? text) => text is not null && text.Any(char.IsControl);

    /// <summary>The command timeout, however it is wrapped (EF wraps Npgsql's TimeoutException; the server says 57014).</summary>
    private static bool RanOutOfTime(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is TimeoutException || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }) return true;
        return false;
    }

    private async Task<SearchOutcome> PageAsync(string q, SearchRequest request, IReadOnlyList<Topic> topics, CancellationToken cancellationToken)
    {
        // Filters and keyset apply to either source of matches.
        var topic = topics.FirstOrDefault(t => t.Slug == request.Topic);
        var enabled = topic is null && await db.Topics.AnyAsync(t => !t.Enabled, cancellationToken) ? topics.Select(t => t.Id).ToList() : null;
        var hasSide = SideCodes.TryParse(request.Side ?? "", out var side);
        var outlet = string.IsNullOrWhiteSpace(request.Outlet) ? null : request.Outlet.Trim();
        DateTimeOffset? start = request.From is { } from ? Utc(from) : null, end = request.To is { } to ? Utc(to.AddDays(1)) : null;
        (DateTimeOffset At, long Id)? after = null;
        if (request.After is not null)
        {
            if (!TryParseCursor(request.After, out var afterAt, out var afterId)) return SearchOutcome.Refused(SearchRefusal.BadInput);
            after = (afterAt, afterId);
        }
        IQueryable<Article> Filtered(IQueryable<Article> articles)
        {
            if (topic is not null) articles = articles.Where(a => db.ArticleTopics.Any(m => m.ArticleId == a.Id && m.TopicId == topic.Id));
            // Every article belongs to a topic; only a disabled topic's articles need filtering out.
            else if (enabled is not null) articles = articles.Where(a => db.ArticleTopics.Any(m => m.ArticleId == a.Id && enabled.Contains(m.TopicId)));
            if (hasSide) articles = articles.Where(a => a.Side == side);
            if (outlet is not null) articles = articles.Where(a => a.SourceName == outlet || a.Outlet!.Name == outlet);
            if (start is { } s) articles = articles.Where(a => a.PublishedAt >= s);
            if (end is { } e) articles = articles.Where(a => a.PublishedAt < e);
            if (after is var (afterAt, afterId)) articles = articles.Where(a => a.PublishedAt < afterAt || (a.PublishedAt == afterAt && a.Id < afterId));
            return articles;
        }
        IQueryable<MatchRow> Top(IQueryable<Article> matches, bool inText) =>
            Filtered(matches).OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(PageSize + 1)
                .Select(a => new MatchRow { Id = a.Id, At = a.PublishedAt, InText = inText });

        // The page's ids first (GIN match, filters, keyset), then headlines marked and stories linked for those rows only:
        // ts_headline and the story lookup are far dearer than the match, and must not run for every matching row.
        // Matches come from headlines and outlets, and from the text of articles whose page was read: each source's own
        // newest page, each by its own GIN index, then merged. (One query over both, by OR or by a union of all matching
        // ids, took seconds on a million articles: a common word matches too many rows to collect before the limit.)
        // Both in one round trip: (… LIMIT 21) UNION ALL (… LIMIT 21).
        var matches = await Top(db.Articles.AsNoTracking().Where(a => a.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", q))), false)
            .Concat(Top(db.ArticleTexts.Where(t => t.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", q)))
                .Join(db.Articles.AsNoTracking(), t => t.ArticleId, a => a.Id, (_, a) => a), true))
            .ToListAsync(cancellationToken);
        var ids = matches.DistinctBy(x => x.Id)
            .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Take(PageSize + 1).Select(x => x.Id).ToList();
        var byText = matches.Where(x => x.InText).ToList();
        var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, Link = a.PublisherLink ?? a.Link, a.SourceName, a.Side, a.PublishedAt,
                Headline = EF.Functions.WebSearchToTsQuery("english", q).GetResultHeadline(a.Headline.Replace(StartMark, "").Replace(StopMark, ""), $"StartSel={StartMark}, StopSel={StopMark}, HighlightAll=true"),
            })
            .ToListAsync(cancellationToken);
        // Where the text matched: the words around the match, for those rows only (and no query when none did).
        var textIds = byText.Select(x => x.Id).Intersect(ids).ToList();
        var snippets = textIds.Count == 0 ? [] : await db.ArticleTexts.AsNoTracking()
            .Where(t => textIds.Contains(t.ArticleId) && t.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", q)))
            .Select(t => new
            {
                t.ArticleId,
                Snippet = EF.Functions.WebSearchToTsQuery("english", q).GetResultHeadline((t.Text ?? "").Replace(StartMark, "").Replace(StopMark, ""),
                    $"StartSel={StartMark}, StopSel={StopMark}, MaxWords=30, MinWords=12, MaxFragments=1"),
            })
            .ToDictionaryAsync(t => t.ArticleId, t => t.Snippet, cancellationToken);
        // Each result's story in the chosen topic, else in its first enabled topic (by index on article_id).
        var slugs = topics.ToDictionary(t => t.Id, t => t.Slug);
        var memberships = (await db.ArticleTopics.AsNoTracking().Where(m => ids.Contains(m.ArticleId))
                .Select(m => new { m.ArticleId, m.TopicId, m.StoryId }).ToListAsync(cancellationToken))
            .Where(m => slugs.ContainsKey(m.TopicId) && (topic is null || m.TopicId == topic.Id))
            .GroupBy(m => m.ArticleId).ToDictionary(g => g.Key, g => g.MinBy(m => m.TopicId)!);
        var page = rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
        var results = page.Take(PageSize).Select(r => new SearchResult(r.Id, Highlight(r.Headline), r.Link, r.SourceName, r.Side, r.PublishedAt,
            memberships.GetValueOrDefault(r.Id)?.StoryId, memberships.TryGetValue(r.Id, out var m) ? slugs[m.TopicId] : null,
            snippets.TryGetValue(r.Id, out var snippet) ? "…" + Highlight(snippet) + "…" : null)).ToList();
        return new SearchOutcome(results, page.Count > PageSize ? Cursor(results[^1]) : null);
    }

    private sealed class MatchRow
    {
        public long Id { get; init; }
        public DateTimeOffset At { get; init; }
        public bool InText { get; init; }
    }

    private static string Highlight(string marked) =>
        WebUtility.HtmlEncode(marked).Replace(StartMark, "<mark>").Replace(StopMark, "</mark>");

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Cursor(SearchResult last) => $"{last.PublishedAt.UtcTicks}-{last.Id}";

    private static bool TryParseCursor(string cursor, out DateTimeOffset at, out long id)
    {
        (at, id) = (default, 0);
        var parts = cursor.Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks) return false;
        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}
