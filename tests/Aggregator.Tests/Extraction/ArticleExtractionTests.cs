using System.IO.Compression;
using System.Text.Json;
using Aggregator.Cli;
using Aggregator.Extraction;
using Xunit.Abstractions;

namespace Aggregator.Tests.Extraction;

public sealed class ArticleExtractionTests(ITestOutputHelper output)
{
    private static readonly string Benchmark = Path.Combine(AppContext.BaseDirectory, "Fixtures", "article-extraction");

    [Fact]
    public void Scoring_counts_shared_four_word_shingles_with_their_multiplicity_and_weighs_every_page_the_same()
    {
        // Truth: 6 tokens → 3 shingles. Prediction: the first 5 tokens → 2 shingles, both true.
        Assert.Equal((1.0, 2.0 / 3), ExtractionScoring.Page("one two three four five six", "one, two three four five"));
        // Truth: 5 shingles ("a b c d" twice). Prediction: 9, of which 5 are true ("a b c d" counts twice, not three times).
        Assert.Equal((Math.Round(5.0 / 9, 6), 1.0), ExtractionScoring.Page("a b c d. a b c d", "a b c d a b c d a b c d").Round());
        Assert.Equal((0.0, 0.0), ExtractionScoring.Page("a short truth", ""));

        var score = ExtractionScoring.Score([("one two three four", "one two three four"), ("one two three four", "five six seven eight")]);

        Assert.Equal((0.5, 0.5, 2), (score.Precision, score.Recall, score.Pages));
        Assert.Equal(0.5, score.F1, 6);
    }

    [Fact]
    public async Task On_the_benchmarks_87_pages_the_verb_scores_F1_096_ahead_of_Readability_js()
    {
        var result = await RunAsync("extract-article", Path.Combine(Benchmark, "html"), "--score", Path.Combine(Benchmark, "ground-truth.json"));

        output.WriteLine($"extraction on the benchmark's pages: {result.Output.Trim()}");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(87 pages)", result.Output);
        var f1 = double.Parse(result.Output.Split(',')[0].Replace("F1", "").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(f1 >= 0.96, $"extraction F1 {f1:F3} < 0.96 ({result.Output.Trim()})");
    }

    [Fact]
    public async Task The_verb_prints_one_pages_text_or_a_directorys_pages_in_the_benchmarks_prediction_format()
    {
        var directory = Directory.CreateTempSubdirectory("extract-article-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "plain.html"), Page("<p>The first paragraph of the plain page, long enough to be prose.</p>"));
            await using (var gz = new GZipStream(File.Create(Path.Combine(directory, "zipped.html.gz")), CompressionLevel.Fastest))
                await gz.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Page("<p>The zipped page’s only paragraph, “quoted” and long enough to be prose.</p>")));
            await File.WriteAllTextAsync(Path.Combine(directory, "notes.txt"), "not a page");

            var one = await RunAsync("extract-article", Path.Combine(directory, "plain.html"));
            var all = await RunAsync("extract-article", directory, "--json");

            Assert.Equal((0, "The first paragraph of the plain page, long enough to be prose."), (one.ExitCode, one.Output.Trim()));
            Assert.Equal(0, all.ExitCode);
            var predictions = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(all.Output)!;
            Assert.Equal(["plain", "zipped"], predictions.Keys.Order());
            Assert.Equal("The zipped page’s only paragraph, “quoted” and long enough to be prose.", predictions["zipped"]["articleBody"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_path_that_is_not_there_is_a_usage_error()
    {
        var result = await RunAsync("extract-article", "/nonexistent/page.html");

        Assert.Equal(CliRunner.UsageError, result.ExitCode);
        Assert.Contains("no file or directory '/nonexistent/page.html'", result.Error);
    }

    [Fact]
    public void Cleaning_drops_date_lines_bylines_credits_repeats_and_the_related_stories_tail()
    {
        var article = ArticleExtractor.Extract(Page("""
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="share-bar"><a href="#">Share on X</a> <a href="#">Email</a></div>
            <article>
              <p>January 12, 2026</p>
              <h2>Bessent to meet China’s vice-premier in bid to solve rare earths spat</h2>
              <p>Bessent to meet China’s vice-premier in bid to solve rare earths spat</p>
              <p>By Jane Doe - 01/12/26 11:04 PM EST</p>
              <figure><img src="x.jpg"><figcaption>Scott Bessent speaks in Washington. (AP Photo/John Roe)</figcaption></figure>
              <p>Tensions between the United States and China are once again on the rise as Beijing moves forward with sweeping new restrictions on rare earth exports.</p>
              <p>Advertisement</p>
              <p>Speaking at several forums this week, Treasury Secretary Scott Bessent condemned China’s actions as an escalation that undermines trade norms.</p>
              <p>Tensions between the United States and China are once again on the rise as Beijing moves forward with sweeping new restrictions on rare earth exports.</p>
              <p>Rare earth elements are vital for industries ranging from defence and renewable energy to consumer electronics, and China refines nearly all of them.</p>
              <h3>Related news</h3>
              <p>China’s exports surge as AI propels booming trade, the latest figures show.</p>
              <p>Markets rally on hopes of a trade truce between Washington and Beijing.</p>
            </article>
            <footer>© 2026 Example News. All rights reserved.</footer>
            """));

        Assert.Equal(
        [
            "Bessent to meet China’s vice-premier in bid to solve rare earths spat",
            "Tensions between the United States and China are once again on the rise as Beijing moves forward with sweeping new restrictions on rare earth exports.",
            "Speaking at several forums this week, Treasury Secretary Scott Bessent condemned China’s actions as an escalation that undermines trade norms.",
            "Rare earth elements are vital for industries ranging from defence and renewable energy to consumer electronics, and China refines nearly all of them.",
        ], article.Paragraphs);
        Assert.StartsWith("Tensions between the United States", article.Lead);
        Assert.Equal(12 + 25 + 20 + 23, article.WordCount);
    }

    private static string Page(string body) => $"<!doctype html><html><head><title>Example</title></head><body>{body}</body></html>";

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliRunner.RunStandaloneAsync(CliRunner.Standalone(args)!, args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}

internal static class ScoreRounding
{
    public static (double, double) Round(this (double Precision, double Recall) score) => (Math.Round(score.Precision, 6), Math.Round(score.Recall, 6));
}
