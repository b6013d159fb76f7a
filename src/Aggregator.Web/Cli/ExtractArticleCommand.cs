using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Aggregator.Extraction;

namespace Aggregator.Cli;

/// <summary>
/// The code ingestion runs on an article page, on saved pages: one page's text, or a directory's in the article-extraction
/// benchmark's prediction format (--json), or the benchmark's score against its ground truth (--score).
/// </summary>
public sealed class ExtractArticleCommand : CliCommand
{
    public override string Name => "extract-article";
    public override string Usage => "extract-article <file-or-directory> [--json] [--score ground-truth.json]";
    public override string Summary =>
        "print the main text of a saved article page (.html or .html.gz); --json: a directory's pages as the benchmark's predictions; --score: F1, precision, recall";
    public override IReadOnlyCollection<string> Options => ["score"];
    public override IReadOnlyCollection<string> Flags => ["json"];
    public override int MaxPositionals => 1;
    public override bool MigratesFirst => false;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var path = arguments.RequiredPositional(0, "<file-or-directory>");
        var pages = Directory.Exists(path) ? Directory.EnumerateFiles(path).Where(IsPage).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path]
            : throw new CliUsageException($"no file or directory '{path}' (looked for {Path.GetFullPath(path)})");
        if (pages.Count == 0) throw new CliFailureException($"{path}: no .html or .html.gz pages");

        var extracted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            extracted[PageId(page)] = ArticleExtractor.Extract(await ReadPageAsync(page, cancellationToken)).Text;
        }

        if (arguments.Optional("score") is { } truthPath)
        {
            var truth = ReadGroundTruth(truthPath);
            var missing = extracted.Keys.Where(id => !truth.ContainsKey(id)).ToList();
            if (missing.Count > 0) throw new CliFailureException($"{truthPath}: no ground truth for {string.Join(", ", missing.Take(5))}");
            await output.WriteLineAsync(ExtractionScoring.Score(extracted.Select(p => (truth[p.Key], p.Value))).ToString());
        }
        else if (arguments.Flag("json"))
            await output.WriteLineAsync(JsonSerializer.Serialize(
                extracted.ToDictionary(p => p.Key, p => new Dictionary<string, string> { ["articleBody"] = p.Value }),
                new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        else
            foreach (var text in extracted.Values) await output.WriteLineAsync(text);
        return CliRunner.Success;
    }

    private static bool IsPage(string path) => path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The benchmark names a page by its file name without ".html.gz".</summary>
    private static string PageId(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in (string[])[".html.gz", ".html"])
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return name[..^suffix.Length];
        return name;
    }

    private static async Task<string> ReadPageAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        await using Stream body = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static Dictionary<string, string> ReadGroundTruth(string path)
    {
        if (!File.Exists(path)) throw new CliUsageException($"no ground truth file '{path}'");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateObject()
                .ToDictionary(page => page.Name, page => page.Value.GetProperty("articleBody").GetString() ?? "", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliFailureException($"{path}: not the benchmark's ground truth ({e.Message})");
        }
    }
}
