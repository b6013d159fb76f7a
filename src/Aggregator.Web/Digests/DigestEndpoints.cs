using Aggregator.Caching;
using Aggregator.Hosting;
using Microsoft.Extensions.Options;

namespace Aggregator.Digests;

/// <summary>The digest exports (/topics/{slug}/{date}.md, .json, /topics/{slug}/feed.atom) and the day picker's redirect.</summary>
public static class DigestEndpoints
{
    public const int FeedDays = 30;

    public static WebApplication MapDigestExports(this WebApplication app)
    {
        var topics = app.MapGroup("/topics/{slug}").CacheOutput(ReaderPageCache.Policy);
        topics.MapGet("/{date}.md", (string slug, string date, DigestReader reader, CancellationToken ct) =>
            ExportAsync(slug, date, reader, digest => Results.Text(DigestMarkdown.Render(digest), "text/markdown; charset=utf-8"), ct));
        topics.MapGet("/{date}.json", (string slug, string date, DigestReader reader, CancellationToken ct) =>
            ExportAsync(slug, date, reader, digest => Results.Text(DigestJson.Render(digest), "application/json; charset=utf-8"), ct));
        topics.MapGet("/feed.atom", async (string slug, HttpRequest request, DigestReader reader, IOptions<PublicSiteOptions> site, CancellationToken ct) =>
        {
            var topic = await reader.TopicAsync(slug, ct);
            if (topic is null) return Results.NotFound();
            var digests = await reader.RecentAsync(slug, FeedDays, ct);
            var root = request.SiteRoot(site.Value);
            return Results.Text(DigestAtom.Render(topic, digests, root), "application/atom+xml; charset=utf-8");
        });
        return app;
    }

    /// <summary>The topic page's day picker: a plain GET form (so it works without script) redirected to the day's page.</summary>
    public static WebApplication MapDayPicker(this WebApplication app)
    {
        app.MapGet("/topics/{slug}/day", (string slug, string? date) =>
            DigestWindow.TryParseDate(date, out var day)
                ? Results.Redirect($"/topics/{Uri.EscapeDataString(slug)}/{day.ToString(DigestWindow.DateFormat)}")
                : Results.BadRequest());
        return app;
    }

    private static async Task<IResult> ExportAsync(string slug, string date, DigestReader reader,
        Func<Model.Digest, IResult> render, CancellationToken cancellationToken)
    {
        if (!DigestWindow.TryParseDate(date, out var day)) return Results.BadRequest("The date must be YYYY-MM-DD.");
        var digest = await reader.LatestAsync(slug, day, cancellationToken);
        return digest is null ? Results.NotFound() : render(digest);
    }
}
