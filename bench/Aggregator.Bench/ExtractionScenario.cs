using System.Diagnostics;
using System.IO.Compression;
using Aggregator.Extraction;
using AngleSharp.Html.Parser;

namespace Aggregator.Bench;

/// <summary>
/// Article extraction (issue 22) on the article-extraction benchmark's pages kept in the test fixtures, against parsing
/// the same pages alone (AngleSharp's HTML parser, which extraction also runs), after a warm-up round (JIT).
/// </summary>
public static class ExtractionScenario
{
    private const int Rounds = 3;

    public static void Run(string repository, Report report)
    {
        var directory = Path.Combine(repository, "tests", "Aggregator.Tests", "Fixtures", "article-extraction", "html");
        var pages = Directory.EnumerateFiles(directory, "*.html.gz").Order(StringComparer.Ordinal).Select(Read).ToList();
        if (pages.Count == 0) throw new InvalidOperationException($"no pages in {directory}");

        var parsePerSecond = PagesPerSecond(pages, html => new HtmlParser().ParseDocument(html).Body?.ChildElementCount ?? 0);
        var extractPerSecond = PagesPerSecond(pages, html => ArticleExtractor.Extract(html).WordCount);
        report.Add(new Row($"extract the main text of {pages.Count} article pages ({pages.Sum(p => p.Length) / 1024:N0} KB of HTML)",
            $"{Report.N(extractPerSecond)} pages/s", $"parsing the same pages alone: {Report.N(parsePerSecond)} pages/s",
            Report.N(extractPerSecond / parsePerSecond, "0.00"), "—", null));
    }

    private static double PagesPerSecond(IReadOnlyList<string> pages, Func<string, int> work)
    {
        var sink = pages.Sum(work);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < Rounds; round++) sink += pages.Sum(work);
        GC.KeepAlive(sink);
        return Rounds * pages.Count / clock.Elapsed.TotalSeconds;
    }

    private static string Read(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd();
    }
}
