using System.Globalization;
using System.Net;
using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Pages.Articles;

/// <summary>
/// Full-text search of stored articles (headline and outlet, English stemming, PostgreSQL websearch syntax) with
/// filters, newest first, paged by keyset (the last result's time and id), never by OFFSET.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Aggregator.Admin.AdminAuthentication.ReaderQueryRateLimit)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;
    // ts_headline marks matches with characters feed text can never hold (ingest drops control characters), so the
    // headline is HTML-encoded first and only then are the marks turned into <mark>.
    private const string StartMark = "\u0001";
    private const string StopMark = "\u0002";

    public sealed record Result(long Id, string HighlightedHeadline, string Link, string Outlet, Side Side, DateTimeOffset PublishedAt, long? StoryId, string? TopicSlug);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Side { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outlet { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public IReadOnlyList<Result> Results { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool Searched => !string.IsNullOrWhiteSpace(Q);
    /// <summary>Why the search was not run, shown in place of results.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// A search's queries get this long: one that would take longer is cancelled in PostgreSQL and the reader asked to
    /// narrow it, instead of one request holding a core.
    /// </summary>
    public const int StatementTimeoutMilliseconds = 2_000;

    /// <summary>Feed text never holds control characters (ingest drops them), and PostgreSQL refuses a NUL in text.</summary>
    private static bool HasControlCharacters(string? text) => text is not null && text.Any(char.IsControl);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await db.Topics.AsNoTracking().Where(t => t.Enabled).OrderBy(t => t.Name).ToListAsync(cancellationToken);
        if (!Searched) return Page();
        var q = Q!.Trim();
        if (q.Length > 200 || HasControlCharacters(q) || HasControlCharacters(Outlet)) return BadRequest();
        if (From is { } earliest && !DigestReader.IsInRange(earliest) || To is { } latest && !DigestReader.IsInRange(latest)) return BadRequest();

        // A query of excluded words only ("-zzzz") matches nearly every row and no index can find its rows: PostgreSQL
        // would walk the whole table. It needs one word to look for; querytree() says "T" when it has none.
        if (await db.Database.SqlQuery<string>($"SELECT querytree(websearch_to_tsquery('english', {q})) AS \"Value\"").SingleAsync(cancellationToken) == "T")
        {
            Refusal = "Add a word to look for: a search of excluded words alone would match almost every article.";
            return Page();
        }
        // The command timeout ends a query that runs too long (Npgsql cancels it on the server) with no extra round trip.
        db.Database.SetCommandTimeout(TimeSpan.FromMilliseconds(StatementTimeoutMilliseconds));
        try
        {
            return await SearchAsync(q, cancellationToken);
        }
        catch (Exception e) when (RanOutOfTime(e))
        {
            Results = [];
            Refusal = "This search took too long. Narrow it: add a word, a side, an outlet or dates.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    /// <summary>The command timeout, however it is wrapped (EF wraps Npgsql's TimeoutException; the server says 57014).</summary>
    private static bool RanOutOfTime(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is TimeoutException || e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }) return true;
        return false;
    }

    private async Task<IActionResult> SearchAsync(string q, CancellationToken cancellationToken)
    {
        var articles = db.Articles.AsNoTracking().Where(a => a.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", q)));
        var topic = Topics.FirstOrDefault(t => t.Slug == Topic);
        if (topic is not null)
            articles = articles.Where(a => db.ArticleTopics.Any(m => m.ArticleId == a.Id && m.TopicId == topic.Id));
        else if (await db.Topics.AnyAsync(t => !t.Enabled, cancellationToken))
        {
            // Every article belongs to a topic; only a disabled topic's articles need filtering out.
            var enabled = Topics.Select(t => t.Id).ToList();
            articles = articles.Where(a => db.ArticleTopics.Any(m => m.ArticleId == a.Id && enabled.Contains(m.TopicId)));
        }
        if (SideCodes.TryParse(Side ?? "", out var side)) articles = articles.Where(a => a.Side == side);
        if (!string.IsNullOrWhiteSpace(Outlet))
        {
            var outlet = Outlet.Trim();
            articles = articles.Where(a => a.SourceName == outlet || a.Outlet!.Name == outlet);
        }
        if (From is { } from) { var start = Utc(from); articles = articles.Where(a => a.PublishedAt >= start); }
        if (To is { } to) { var end = Utc(to.AddDays(1)); articles = articles.Where(a => a.PublishedAt < end); }
        if (After is not null)
        {
            if (!TryParseCursor(After, out var afterAt, out var afterId)) return BadRequest();
            articles = articles.Where(a => a.PublishedAt < afterAt || (a.PublishedAt == afterAt && a.Id < afterId));
        }

        // The page's ids first (GIN match, filters, keyset), then headlines marked and stories linked for those rows only:
        // ts_headline and the story lookup are far dearer than the match, and must not run for every matching row.
        var ids = await articles
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => a.Id)
            .Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Link, a.SourceName, a.Side, a.PublishedAt,
                Headline = EF.Functions.WebSearchToTsQuery("english", q).GetResultHeadline(a.Headline.Replace(StartMark, "").Replace(StopMark, ""), $"StartSel={StartMark}, StopSel={StopMark}, HighlightAll=true"),
            })
            .ToListAsync(cancellationToken);
        // Each result's story in the chosen topic, else in its first enabled topic (by index on article_id).
        var slugs = Topics.ToDictionary(t => t.Id, t => t.Slug);
        var memberships = (await db.ArticleTopics.AsNoTracking().Where(m => ids.Contains(m.ArticleId))
                .Select(m => new { m.ArticleId, m.TopicId, m.StoryId }).ToListAsync(cancellationToken))
            .Where(m => slugs.ContainsKey(m.TopicId) && (topic is null || m.TopicId == topic.Id))
            .GroupBy(m => m.ArticleId).ToDictionary(g => g.Key, g => g.MinBy(m => m.TopicId)!);
        var page = rows.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
        Results = page.Take(PageSize).Select(r => new Result(r.Id, Highlight(r.Headline), r.Link, r.SourceName, r.Side, r.PublishedAt,
            memberships.GetValueOrDefault(r.Id)?.StoryId, memberships.TryGetValue(r.Id, out var m) ? slugs[m.TopicId] : null)).ToList();
        NextCursor = page.Count > PageSize ? Cursor(Results[^1]) : null;
        return Page();
    }

    private static string Highlight(string marked) =>
        WebUtility.HtmlEncode(marked).Replace(StartMark, "<mark>").Replace(StopMark, "</mark>");

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Cursor(Result last) => $"{last.PublishedAt.UtcTicks}-{last.Id}";

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

    /// <summary>This search's query string with another cursor, for the "older results" link.</summary>
    public string PageLink(string cursor) =>
        "/articles" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q, ["topic"] = Topic, ["side"] = Side, ["outlet"] = Outlet,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["after"] = cursor,
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
