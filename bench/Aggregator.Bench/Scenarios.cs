using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Bench;

/// <summary>The scenarios of issue 13, each measured with its baseline in the same run.</summary>
public sealed class Scenarios(IServiceProvider services, string connectionString, string webProject, Report report)
{
    public const int IngestItems = 20_000;
    // Each run ingests into a topic of its own, and items of its own: the same outlet and headline within a few days is
    // a duplicate, so a rerun on a kept database with the first run's headlines would measure dedupe, not storing.
    private static readonly string RunId = DateTime.UtcNow.ToString("yyyyMMddHHmmss");
    private static readonly string IngestTopic = $"bench-ingest-{RunId}";
    private static readonly DateOnly IngestFirstDay = Generator.LastDay.AddDays(2);
    private const int IngestDays = 4;

    private const int WarmUpItems = 2_000;
    /// <summary>Full-size imports between the first and the measured one, while the runtime recompiles the hot code.</summary>
    private const int TieringImports = 2;
    private static readonly string WarmUpTopic = $"bench-warm-up-{RunId}";

    /// <summary>Imports a feed file into a topic (created when missing) through the import-feed path; returns the seconds it took.</summary>
    private async Task<double> ImportAsync(string topicSlug, string path, int expectedNew, CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.Topics.AnyAsync(t => t.Slug == topicSlug, cancellationToken))
            {
                db.Topics.Add(new Topic
                {
                    Slug = topicSlug, Name = $"Bench {topicSlug}", CreatedAt = DateTimeOffset.UtcNow,
                    Sides = [new TopicSide { Side = Side.Us, Name = "United States", Position = 0 }, new TopicSide { Side = Side.China, Name = "China", Position = 1 }],
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        var import = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync(topicSlug, path, cancellationToken);
            if (result.Run.Outcome == FetchOutcome.Failed) throw new InvalidOperationException($"the import failed: {result.Run.ErrorKind}: {result.Run.Error}");
            if (result.Run.ItemsNew != expectedNew) Console.Error.WriteLine($"  warning: {result.Run.ItemsNew} of {expectedNew} items were new (a rerun on the same database stores none)");
        }
        return import.Elapsed.TotalSeconds;
    }

    public async Task IngestAsync(CancellationToken cancellationToken)
    {
        List<FeedItem> items, warmUpItems;
        List<List<FeedItem>> tieringFeeds;
        await using (var scope = services.CreateAsyncScope())
        {
            var earlierRuns = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Topics.CountAsync(t => t.Slug.StartsWith("bench-ingest-"), cancellationToken);
            items = IngestRows(seed: 7 + earlierRuns).ToList();
            warmUpItems = IngestRows(seed: 100_007 + earlierRuns, firstIndex: IngestItems).Take(WarmUpItems).ToList();
            tieringFeeds = Enumerable.Range(1, TieringImports)
                .Select(k => IngestRows(seed: 200_007 + earlierRuns * TieringImports + k, firstIndex: k * 100_000).ToList()).ToList();
        }
        var path = Path.Combine(Path.GetTempPath(), $"bench-feed-{Environment.ProcessId}.xml");
        await File.WriteAllTextAsync(path, FeedXml(items), cancellationToken);
        try
        {
            // The first ingests in a process also pay for JIT: the runtime compiles the parser's, the classifier's and
            // Npgsql's hot code again, optimized, only after it has run a while (tiered compilation), which here takes
            // about 40,000 items. A server ingests every fetch in one long-lived process, so the target is read once the
            // code has settled, and the earlier imports are shown apart.
            var warmUpPath = Path.Combine(Path.GetTempPath(), $"bench-warm-up-{Environment.ProcessId}.xml");
            await File.WriteAllTextAsync(warmUpPath, FeedXml(warmUpItems), cancellationToken);
            var warmUpSeconds = await ImportAsync(WarmUpTopic, warmUpPath, WarmUpItems, cancellationToken);
            var tieringSeconds = new List<double>();
            foreach (var (feed, k) in tieringFeeds.Select((feed, k) => (feed, k + 1)))
            {
                await File.WriteAllTextAsync(warmUpPath, FeedXml(feed), cancellationToken);
                tieringSeconds.Add(await ImportAsync($"{WarmUpTopic}-{k}", warmUpPath, IngestItems, cancellationToken));
            }
            File.Delete(warmUpPath);
            var ingestSeconds = await ImportAsync(IngestTopic, path, IngestItems, cancellationToken);
            var copyRowsPerSecond = await CopyBaselineAsync(items, cancellationToken);
            await RemoveWarmUpAsync(cancellationToken);
            var itemsPerSecond = IngestItems / ingestSeconds;
            report.Add(new Row($"ingest {IngestItems:N0}-item feed (import-feed path; the process's {TieringImports + 2}th import)", $"{Report.N(itemsPerSecond)} items/s",
                $"COPY into a copy of articles: {Report.N(copyRowsPerSecond)} rows/s", Report.N(itemsPerSecond / copyRowsPerSecond, "0.00"),
                "≥ 0.30 × COPY", itemsPerSecond / copyRowsPerSecond >= 0.30));
            var warmUpPerSecond = WarmUpItems / warmUpSeconds;
            report.Add(new Row($"ingest, the first in a fresh process ({WarmUpItems:N0} items; JIT)", $"{Report.N(warmUpPerSecond)} items/s",
                $"COPY into a copy of articles: {Report.N(copyRowsPerSecond)} rows/s", Report.N(warmUpPerSecond / copyRowsPerSecond, "0.00"), "—", null));
            var secondPerSecond = IngestItems / tieringSeconds[0];
            report.Add(new Row($"ingest, the second in a process ({IngestItems:N0} items; JIT still tiering)", $"{Report.N(secondPerSecond)} items/s",
                $"COPY into a copy of articles: {Report.N(copyRowsPerSecond)} rows/s", Report.N(secondPerSecond / copyRowsPerSecond, "0.00"), "—", null));
            await PlacementAsync(items, cancellationToken);
            await ModelRssAsync(cancellationToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Deletes the warm-up's articles and topics: they were stored only to warm the process up. Left behind, the app's
    /// start-up catch-up would place them (the model loaded, both cores busy) while the HTTP scenarios run, and a disabled
    /// topic instead would make every search filter by topic.
    /// </summary>
    private async Task RemoveWarmUpAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var remove = new NpgsqlCommand("""
            BEGIN;
            DELETE FROM articles WHERE id IN (
                SELECT m.article_id FROM article_topics m JOIN topics t ON t.id = m.topic_id WHERE t.slug LIKE 'bench-warm-up-%');
            DELETE FROM topics WHERE slug LIKE 'bench-warm-up-%';
            COMMIT;
            """, connection);
        await remove.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The placement stage on the ingested feed (embed in batches, store the vectors, cluster, store the stories),
    /// against the bare model on the same headlines in the same run.
    /// </summary>
    private async Task PlacementAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken)
    {
        var sample = items.Take(2_000).Select(i => i.Headline).ToList();
        var embedder = Aggregator.Stories.MiniLmEmbedder.Shared;
        embedder.Embed(sample.Take(32).ToList(), cancellationToken); // the model loads once per process: not part of either figure
        var bare = Stopwatch.StartNew();
        embedder.Embed(sample, cancellationToken);
        var modelPerSecond = sample.Count / bare.Elapsed.TotalSeconds;

        var place = Stopwatch.StartNew();
        int placed;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var topicId = await db.Topics.Where(t => t.Slug == IngestTopic).Select(t => t.Id).SingleAsync(cancellationToken);
            placed = await scope.ServiceProvider.GetRequiredService<Aggregator.Stories.StoryStore>().PlaceUnplacedAsync(topicId, cancellationToken);
        }
        var placedPerSecond = placed / place.Elapsed.TotalSeconds;
        report.Add(new Row($"placement of {placed:N0} new headlines (embed, store vectors, cluster, store stories)", $"{Report.N(placedPerSecond)} headlines/s",
            $"the bare model, batch {Aggregator.Stories.MiniLmEmbedder.BatchSize}: {Report.N(modelPerSecond)} headlines/s", Report.N(placedPerSecond / modelPerSecond, "0.00"),
            "≥ 200 headlines/s", placedPerSecond >= 200 && placed > 0));
    }

    /// <summary>
    /// Peak RSS of the app's own process with the model loaded: the import-feed verb storing and placing 2,000 new
    /// headlines; the baseline is the same verb on the same file again, when every item is stored and nothing loads the model.
    /// </summary>
    private async Task ModelRssAsync(CancellationToken cancellationToken)
    {
        var rows = IngestRows(seed: 1_000 + DateTime.UtcNow.Second).Take(2_000)
            .Select(r => r with { Index = r.Index + 10_000_000, Headline = r.Headline + " (verb)" }).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"bench-verb-feed-{Environment.ProcessId}.xml");
        await File.WriteAllTextAsync(path, FeedXml(rows), cancellationToken);
        try
        {
            var withModel = await PeakRssOfVerbAsync(["import-feed", "--topic", IngestTopic, path], cancellationToken);
            var withoutModel = await PeakRssOfVerbAsync(["import-feed", "--topic", IngestTopic, path], cancellationToken);
            report.Add(new Row("peak RSS with the model loaded (import-feed placing 2,000 headlines)", $"{Report.N(withModel)} MB",
                $"the same verb with nothing to place: {Report.N(withoutModel)} MB", Report.N(withModel / withoutModel, "0.00"), "< 450 MB", withModel < 450));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<double> PeakRssOfVerbAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = webProject };
        start.ArgumentList.Add(Path.Combine(webProject, "bin", "Release", "net10.0", "Aggregator.Web.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Aggregator"] = connectionString;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // VmHWM only grows: the last reading before the process ends is its peak.
        var peak = 0.0;
        while (!process.HasExited)
        {
            try { peak = Math.Max(peak, PeakRssMegabytes(process.Id)); }
            catch (IOException) { break; }
            await Task.Delay(50, cancellationToken);
        }
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}");
        return peak;
    }

    public async Task DigestAsync(CancellationToken cancellationToken)
    {
        // The first build in a process also pays for JIT and EF's query compilation, once; a server builds every topic
        // daily in one long-lived process, so the target is read on the next day's build, and the first is shown apart.
        var (firstDay, day) = (IngestFirstDay, IngestFirstDay.AddDays(1));
        var (coldMs, _) = await BuildAsync(IngestTopic, firstDay, cancellationToken);
        await CountCandidatesAsync(firstDay, cancellationToken);
        var (queryMs, candidates) = await CountCandidatesAsync(day, cancellationToken);
        var (buildMs, _) = await BuildAsync(IngestTopic, day, cancellationToken);
        report.Add(new Row($"build-digest of one day ({candidates:N0} candidates)", $"{Report.N(buildMs)} ms", $"counting the candidates: {Report.N(queryMs)} ms",
            Report.N(buildMs / queryMs, "0.0"), "< 200 ms for 5,000 candidates", candidates >= 4_000 ? buildMs < 200 : null));
        report.Add(new Row("build-digest, the first in a fresh process (JIT, EF query compilation)", $"{Report.N(coldMs)} ms", $"the next day's: {Report.N(buildMs)} ms",
            Report.N(coldMs / buildMs, "0.0"), "—", null));

        var year = Stopwatch.StartNew();
        for (var d = Generator.FirstDay.AddDays(1); d <= Generator.LastDay.AddDays(1); d = d.AddDays(1))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync(Generator.TopicSlug(1), d, cancellationToken);
        }
        var yearSeconds = year.Elapsed.TotalSeconds;
        report.Add(new Row($"build-digest of a year of one topic ({Generator.Days} days)", $"{Report.N(yearSeconds, "0.0")} s", $"one day: {Report.N(buildMs)} ms",
            Report.N(yearSeconds * 1000 / buildMs, "0"), "< 60 s", yearSeconds < 60));
    }

    public async Task HttpAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        using var app = StartApp(port);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30),
        };
        await WaitForAsync(client, app, cancellationToken);
        var day = Generator.LastDay.AddDays(-3).ToString("yyyy-MM-dd");
        var digestPath = $"/topics/{Generator.TopicSlug(0)}/{day}";
        var staticPath = "/css/site.css";
        var duration = TimeSpan.FromSeconds(8);
        const int connections = 32;

        foreach (var warm in new[] { digestPath, staticPath, "/", "/outlets", $"/topics/{Generator.TopicSlug(0)}", digestPath + ".json" })
            await LoadClient.RunAsync(client, _ => warm, 8, TimeSpan.FromSeconds(1));
        var staticLoad = await LoadClient.RunAsync(client, _ => staticPath, connections, duration);
        var staticBytes = (await client.GetByteArrayAsync(staticPath, cancellationToken)).Length;
        var digestBytes = (await client.GetByteArrayAsync(digestPath, cancellationToken)).Length;
        foreach (var (name, path) in new[] { ("GET digest page", digestPath), ("GET topic page", $"/topics/{Generator.TopicSlug(0)}"), ("GET /", "/"), ("GET /outlets", "/outlets"), ("GET digest JSON export", digestPath + ".json") })
        {
            var load = await LoadClient.RunAsync(client, _ => path, connections, duration);
            var ratio = load.RequestsPerSecond / staticLoad.RequestsPerSecond;
            report.Add(new Row($"{name} ({connections} connections)", $"{Report.N(load.RequestsPerSecond)} req/s, p99 {Report.N(load.P99Ms, "0.0")} ms{(load.Errors > 0 ? $", {load.Errors} errors" : "")}",
                $"static {staticPath} ({staticBytes:N0} B; page {digestBytes:N0} B): {Report.N(staticLoad.RequestsPerSecond)} req/s", Report.N(ratio, "0.00"), "≥ 0.5 × static", ratio >= 0.5 && load.Errors == 0));
        }
        var steady = await LoadClient.RunAsync(client, _ => digestPath, 8, duration, ratePerSecond: 500);
        report.Add(new Row("GET digest page at 500 req/s", $"p99 {Report.N(steady.P99Ms, "0.0")} ms, {Report.N(steady.RequestsPerSecond)} req/s", $"p50 {Report.N(steady.P50Ms, "0.0")} ms", "—",
            "p99 < 10 ms", steady.P99Ms < 10 && steady.RequestsPerSecond >= 450));

        string[] words = ["tariff talks", "chip export", "summit embassy", "soybean deal", "drone sanction", "battery investment"];
        var search = await LoadClient.RunAsync(client, i => $"/articles?q={Uri.EscapeDataString(words[i % words.Length])}&side=us", 1, TimeSpan.FromSeconds(6));
        report.Add(new Row("search: two words, side filter (1 connection)", $"p95 {Report.N(search.P95Ms, "0.0")} ms", $"p50 {Report.N(search.P50Ms, "0.0")} ms", "—", "p95 < 50 ms", search.P95Ms < 50 && search.Errors == 0));
        // The worst cases a hostile review found (issue 20): words that match nothing, with filters that match nothing,
        // and excluded words alone (which walked every article before it was refused).
        string[] worst = ["/articles?q=tarif&side=us", "/articles?q=chinaa", "/articles?q=-zzzz&outlet=none", "/articles?q=qqqq%20zzzz&outlet=none&side=china"];
        var worstSearch = await LoadClient.RunAsync(client, i => worst[i % worst.Length], 1, TimeSpan.FromSeconds(6));
        report.Add(new Row("search: worst cases (no match, excluded words alone; 1 connection)", $"p95 {Report.N(worstSearch.P95Ms, "0.0")} ms", $"p50 {Report.N(worstSearch.P50Ms, "0.0")} ms", "—", "p95 < 50 ms", worstSearch.P95Ms < 50 && worstSearch.Errors == 0));

        var peak = PeakRssMegabytes(app.Id);
        report.Add(new Row("app peak RSS through the HTTP scenarios", $"{Report.N(peak)} MB", "—", "—", "< 300 MB", peak < 300));
        app.Kill(entireProcessTree: true);
    }

    private Process StartApp(int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = webProject };
        start.ArgumentList.Add(Path.Combine(webProject, "bin", "Release", "net10.0", "Aggregator.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ConnectionStrings__Aggregator"] = connectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Hosting__SecureCookies"] = "false";
        start.Environment["Registry__SeedOnStartup"] = "false";
        // One client measures throughput here; the per-client limit on searches would stop it after 60.
        start.Environment["RateLimits__ReaderQueriesPerMinute"] = "1000000";
        start.Environment["DataProtection__KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        // The app's start-up fetch would reach for the seeded Google News feeds: it replays an empty directory instead,
        // so the benchmark's traffic stays on 127.0.0.1.
        start.Environment["Fetching__ReplayDirectory"] = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "aggregator-bench-replay")).FullName;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(HttpClient client, Process app, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (app.HasExited) throw new InvalidOperationException($"the app exited with {app.ExitCode}");
            try
            {
                if ((await client.GetAsync("/readyz", cancellationToken)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(500, cancellationToken);
        }
        throw new TimeoutException("the app did not become ready in 60 s");
    }

    private static double PeakRssMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024).FirstOrDefault();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record FeedItem(int Index, string Headline, int Outlet, DateTimeOffset PublishedAt)
    {
        public string Link => $"https://news.google.com/rss/articles/bench-{RunId}-{Index}";
        public string OutletName => Generator.OutletName(Outlet);
        public string Host => $"outlet{Outlet:000}.bench.example";
    }

    private async Task<(double Ms, PublishResult Result)> BuildAsync(string topic, DateOnly day, CancellationToken cancellationToken)
    {
        var build = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync(topic, day, cancellationToken);
        return (build.Elapsed.TotalMilliseconds, result);
    }

    /// <summary>The baseline of a build: reading the day's candidates of the ingest topic, counted.</summary>
    private async Task<(double Ms, long Candidates)> CountCandidatesAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var query = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var start = new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        var end = start.AddDays(1);
        var candidates = await db.ArticleTopics.Where(m => db.Topics.Any(t => t.Id == m.TopicId && t.Slug == IngestTopic))
            .Join(db.Articles, m => m.ArticleId, a => a.Id, (m, a) => a)
            .Where(a => a.PublishedAt >= start && a.PublishedAt < end)
            .Select(a => new { a.Id, a.Headline, a.Side, a.OutletId, a.SourceName, a.PublishedAt }).LongCountAsync(cancellationToken);
        return (query.Elapsed.TotalMilliseconds, candidates);
    }

    private static IEnumerable<FeedItem> IngestRows(int seed, int firstIndex = 0)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(IngestFirstDay.AddDays(-1).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
        // Stories of four articles from four outlets, worded as the generator words them: realistic for the story engine.
        var story = "";
        for (var i = 0; i < IngestItems; i++)
        {
            if (i % 4 == 0) story = Generator.StoryWording(random);
            yield return new FeedItem(firstIndex + i, Generator.HeadlineWording(story, random), random.Next(Generator.Outlets),
                start.AddSeconds((double)i / IngestItems * IngestDays * 86_400));
        }
    }

    private static string FeedXml(IReadOnlyList<FeedItem> items)
    {
        var xml = new System.Text.StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
            <title>"bench" - Google News</title><link>https://news.google.com/search?q=bench&amp;hl=en-US&amp;gl=US&amp;ceid=US:en</link>
            <language>en-US</language><description>Google News</description>
            """);
        foreach (var item in items)
            xml.Append($"<item><title>{SecurityElement.Escape(item.Headline)} - {item.OutletName}</title><link>{item.Link}</link>")
               .Append($"<guid isPermaLink=\"false\">bench-{RunId}-{item.Index}</guid><pubDate>{item.PublishedAt:R}</pubDate>")
               .Append($"<source url=\"https://{item.Host}\">{item.OutletName}</source></item>\n");
        return xml.Append("</channel></rss>\n").ToString();
    }

    /// <summary>The same rows COPYed into a table shaped like articles, with the same indexes: the fastest a store could be.</summary>
    private async Task<double> CopyBaselineAsync(IReadOnlyList<FeedItem> items, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS bench_copy_baseline; CREATE TABLE bench_copy_baseline (LIKE articles INCLUDING ALL)", connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        var copy = Stopwatch.StartNew();
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY bench_copy_baseline (guid, link, normalized_link, headline, normalized_title, outlet_id, side, source_name, source_url, locale, published_at, first_seen_at, is_outlet_page, language) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var item in items)
                await importer.WriteRowAsync(cancellationToken, $"bench-{RunId}-{item.Index}", item.Link, item.Link, item.Headline, item.Headline.ToLowerInvariant(),
                    item.Outlet + 1, item.Outlet % 2 == 0 ? "us" : "china", item.OutletName, $"https://{item.Host}", "en-US", item.PublishedAt, item.PublishedAt, false, "en");
            await importer.CompleteAsync(cancellationToken);
        }
        var seconds = copy.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("DROP TABLE bench_copy_baseline", connection))
            await drop.ExecuteNonQueryAsync(cancellationToken);
        return items.Count / seconds;
    }
}
