using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that behaves like the feed servers we meet: fixture feeds with ETags,
/// rate limits with Retry-After, flaky 500s, slow and hanging bodies, oversized bodies, consent and
/// /rss/unsupported redirects. It records every request it gets.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _flakyCounts = new();

    public ConcurrentQueue<(string Path, string? UserAgent, string? IfNoneMatch)> Requests { get; } = new();
    public Uri BaseUri { get; }

    private FeedServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    public int RequestCount(string path) => Requests.Count(r => r.Path == path);

    /// <summary>Requests to /gate/{key} wait until the test completes the key's gate, then get the Google fixture.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Gates { get; } = new();

    /// <summary>Bodies a test serves at /body/{name}, as they are (no content type it could correct).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> Bodies { get; } = new();

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Requests.Enqueue((context.Request.Path.Value!, context.Request.Headers.UserAgent.ToString(),
                context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } etag ? etag : null));
            await next();
        });
        app.MapGet("/feeds/{name}", async (HttpContext context, string name) =>
        {
            const string etag = "\"fixture-v1\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = 304;
                return;
            }
            context.Response.Headers.ETag = etag;
            context.Response.Headers.LastModified = "Mon, 12 Jan 2026 04:00:00 GMT";
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.Body.WriteAsync(Fixtures.Feed(name));
        });
        app.MapGet("/gzip/{name}", async (HttpContext context, string name) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Fixtures.Feed(name));
        });
        app.MapGet("/status/{code:int}", (HttpContext context, int code, int? retryAfter) =>
        {
            if (retryAfter is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
            return Results.StatusCode(code);
        });
        app.MapGet("/flaky/{key}", async (HttpContext context, string key) =>
        {
            if (server!._flakyCounts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            {
                context.Response.StatusCode = 500;
                return;
            }
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Fixtures.Feed(Fixtures.GoogleNewsUsChina));
        });
        app.MapGet("/slow-body", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");
            await context.Response.Body.FlushAsync();
            for (var i = 0; i < 100 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await Task.Delay(200, context.RequestAborted);
                await context.Response.WriteAsync(" ");
                await context.Response.Body.FlushAsync();
            }
        });
        app.MapGet("/hang", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        // An LLM endpoint that never answers (the highlighter posts to {endpoint}/chat/completions).
        app.MapPost("/hanging-llm/chat/completions", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.MapGet("/gate/{key}", async (HttpContext context, string key) =>
        {
            await server!.Gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Fixtures.Feed(Fixtures.GoogleNewsUsChina));
        });
        app.MapGet("/body/{name}", async (HttpContext context, string name) =>
        {
            if (!server!.Bodies.TryGetValue(name, out var body)) { context.Response.StatusCode = 404; return; }
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(body);
        });
        // 200 MB of spaces that travel as a few hundred kilobytes of gzip.
        app.MapGet("/gzip-bomb", async (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "application/rss+xml";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Optimal, leaveOpen: true);
            var chunk = new byte[1024 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            for (var written = 0; written < 200 && !context.RequestAborted.IsCancellationRequested; written++)
                await gzip.WriteAsync(chunk, context.RequestAborted);
        });
        // The first request for a key never gets an answer (its client is expected to die); later ones get the fixture.
        var hung = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        app.MapGet("/hang-once/{key}", async (HttpContext context, string key) =>
        {
            if (hung.TryAdd(key, true))
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            }
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Fixtures.Feed(Fixtures.GoogleNewsUsChina));
        });
        app.MapGet("/big", async (HttpContext context, bool? declared) =>
        {
            const int size = 20 * 1024 * 1024;
            context.Response.ContentType = "application/rss+xml";
            if (declared == true) context.Response.ContentLength = size;
            var chunk = new byte[64 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            for (var written = 0; written < size && !context.RequestAborted.IsCancellationRequested; written += chunk.Length)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        });
        app.MapGet("/consent", () => Results.Redirect("https://consent.google.com/ml?continue=https://news.google.com/rss/search?q=x&gl=DE"));
        app.MapGet("/unsupported", () => Results.Redirect("/rss/unsupported?hl=xx"));
        app.MapGet("/rss/unsupported", () => Results.Content("<html><body>Unsupported</body></html>", "text/html"));
        app.MapGet("/moved/{name}", (string name) => Results.Redirect($"/feeds/{name}"));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/html", () => Results.Content("<!DOCTYPE html><html><body>Not a feed</body></html>", "text/html"));
        app.MapGet("/rss/search", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(Fixtures.Feed(Fixtures.GoogleNewsUsChina));
        });
        await app.StartAsync();
        server = new FeedServer(app, new Uri(app.Urls.Single()));
        return server;
    }

    /// <summary>A loopback URL where nothing listens: connections are refused.</summary>
    public static Uri RefusingUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/feed.xml");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
