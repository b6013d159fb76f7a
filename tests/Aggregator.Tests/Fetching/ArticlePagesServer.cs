using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Fetching;

/// <summary>
/// A publisher's site on 127.0.0.1 as the page fetcher meets them: an article, a robots.txt that closes a folder, a
/// 403, a paywall stub, a page over the size cap, pages in other charsets, a PDF, a page with an ETag, a redirect.
/// </summary>
public sealed class ArticlePagesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<string> Requests { get; } = new();
    public Uri BaseUrl => new(_app.Urls.Single().TrimEnd('/') + "/");

    public static string ArticleHtml(string headline, string keyword) => $$"""
        <!doctype html><html><head><title>{{headline}}</title></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>{{headline}}</h1>
        <p>Officials from both countries met in Geneva on Tuesday to discuss the {{keyword}} agreement, which negotiators said could ease tensions that have weighed on trade between the two largest economies for more than a year.</p>
        <p>The talks, which lasted nearly nine hours, ended with a joint statement promising further meetings next month and a working group on export controls, according to people familiar with the discussions who asked not to be named.</p>
        <p>Markets reacted calmly to the news, with analysts saying that investors had largely expected a modest outcome and would wait for concrete steps before changing their views on the outlook for the rest of the year.</p>
        <p>Both delegations described the atmosphere as constructive, though neither side offered details on the most contentious issues, including subsidies for state-owned firms and restrictions on advanced semiconductor sales.</p>
        </article>
        <footer>Copyright 2026 The Daily Example. All rights reserved.</footer>
        </body></html>
        """;

    public const string PaywallHtml = """
        <!doctype html><html><head><title>Exclusive: inside the talks</title>
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Exclusive: inside the talks","isAccessibleForFree":false}</script>
        </head><body><article><h1>Exclusive: inside the talks</h1>
        <p>Negotiators arrived in Geneva with very different goals, and the first hours of talks went badly, people present said.</p>
        <div class="paywall"><p>Subscribe to continue reading. Already a subscriber? Sign in.</p></div>
        </article></body></html>
        """;

    private ArticlePagesServer(WebApplication app) => _app = app;

    public static async Task<ArticlePagesServer> StartAsync()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ArticlePagesServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next();
        });
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: OtherBot\nDisallow: /\n", "text/plain"));
        app.MapGet("/news/{slug}", (string slug) => Results.Content(ArticleHtml($"Talks in Geneva: {slug}", slug), "text/html; charset=utf-8"));
        app.MapGet("/private/{slug}", (string slug) => Results.Content(ArticleHtml("Private", slug), "text/html"));
        app.MapGet("/forbidden", () => Results.StatusCode(403));
        app.MapGet("/unavailable", () => Results.StatusCode(503));
        app.MapGet("/paywall", () => Results.Content(PaywallHtml, "text/html"));
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // No Content-Length: the cap must stop the read itself.
            context.Response.ContentType = "text/html";
            var block = Encoding.ASCII.GetBytes("<p>" + new string('x', 1020) + "</p>");
            for (var i = 0; i < 5 * 1024; i++) await context.Response.Body.WriteAsync(block);
        });
        app.MapGet("/windows-1252", () => Results.Bytes(
            Encoding.GetEncoding(1252).GetBytes(ArticleHtml("Caf\u00e9 diplomacy", "caf\u00e9 \u201cna\u00efve\u201d")), "text/html; charset=windows-1252"));
        app.MapGet("/meta-1251", () => Results.Bytes(
            Encoding.GetEncoding(1251).GetBytes(ArticleHtml("\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b", "\u043c\u0438\u0440").Replace("<head>", "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">")),
            "text/html"));
        app.MapGet("/bogus-charset", () => Results.Bytes(Encoding.UTF8.GetBytes(ArticleHtml("Na\u00efve", "\u00fcber")), "text/html; charset=x-no-such-charset"));
        app.MapGet("/report.pdf", () => Results.Bytes("%PDF-1.7"u8.ToArray(), "application/pdf"));
        app.MapGet("/etag", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"") return Results.StatusCode(304);
            context.Response.Headers.ETag = "\"v1\"";
            return Results.Content(ArticleHtml("Tagged", "etag"), "text/html");
        });
        app.MapGet("/moved", () => Results.Redirect("/news/moved-here"));
        app.MapGet("/moved-private", () => Results.Redirect("/private/after-redirect"));
        await app.StartAsync();
        return server;
    }

    public Uri Url(string path) => new(BaseUrl, path.TrimStart('/'));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
