using System.Text.RegularExpressions;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

/// <summary>The shared fixture with the default registry, built once into the 2026-01-12 digest.</summary>
public sealed class GoldenDigest : IAsyncLifetime
{
    public static readonly DateOnly Day = new(2026, 1, 12);

    private readonly TestDatabase _database = new();
    private ServiceProvider _services = null!;

    public TestDatabase Database => _database;
    public string Markdown { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _services = TestServices.Create(_database.ConnectionString, configure: s => s.AddRegistry().AddOutputCache().AddScoped<DigestPublisher>().AddScoped<DigestReader>()
            .AddSingleton<Aggregator.Digests.Highlighting.IHighlighter, Aggregator.Digests.Highlighting.ExtractiveHighlighter>());
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
        var digest = (await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", Day, CancellationToken.None)).Digest!;
        var stored = await scope.ServiceProvider.GetRequiredService<DigestReader>().LatestAsync("us-china", Day, CancellationToken.None);
        Markdown = DigestMarkdown.Render(stored!);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>The 2026-01-12 digest exported in the reference's exact format.</summary>
public sealed partial class DigestGoldenTests(GoldenDigest golden) : IClassFixture<GoldenDigest>
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-digest-us-china-2026-01-12.md"));

    private readonly string _markdown = golden.Markdown;

    private static List<string> FrontMatter(string markdown) =>
        markdown.Split("---\n")[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static List<string> TopLevelKeys(string markdown) =>
        FrontMatter(markdown).Where(l => !l.StartsWith(' ')).Select(l => l.Split(':')[0]).ToList();

    private static string Value(string markdown, string key) =>
        FrontMatter(markdown).Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    private static List<string> SourceLines(string markdown) =>
        markdown.Split('\n').Where(l => SourceLine().IsMatch(l)).ToList();

    [Fact]
    public void Front_matter_has_the_reference_keys_in_the_reference_order()
    {
        Assert.Equal(TopLevelKeys(Reference), TopLevelKeys(_markdown));
        Assert.Equal(
            FrontMatter(Reference).Where(l => l.StartsWith("  ")).Select(l => l.Trim().Split(':')[0].TrimStart('-', ' ')),
            FrontMatter(_markdown).Where(l => l.StartsWith("  ")).Select(l => l.Trim().Split(':')[0].TrimStart('-', ' ')).Take(6));
    }

    [Fact]
    public void Front_matter_values_that_follow_from_the_data_match_the_reference()
    {
        foreach (var key in new[] { "title", "topic", "topicName", "draft" })
            Assert.Equal(Value(Reference, key), Value(_markdown, key));
        Assert.Equal("2026-01-12T04:00:00.000Z", Value(_markdown, "date"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", Value(Reference, "date"));
        var perspectives = string.Join('\n', FrontMatter(_markdown).Where(l => l.StartsWith("  ")));
        Assert.Contains("  - id: \"us\"\n    name: \"United States\"", perspectives);
        Assert.Contains("  - id: \"china\"\n    name: \"China\"", perspectives);
    }

    [Fact]
    public void Sections_follow_the_reference_structure()
    {
        static List<string> Headings(string md) => md.Split('\n').Where(l => l.StartsWith("## ") || l == "<!--more-->").ToList();

        Assert.Equal(Headings(Reference), Headings(_markdown));
        Assert.Contains("\n\nThis summary is based on ", _markdown);
        Assert.EndsWith(")\n", _markdown);
    }

    [Fact]
    public void Every_source_line_equals_the_reference_line_for_the_same_article()
    {
        var referenceByLink = SourceLines(Reference).ToDictionary(l => LinkOf(l), l => l[(l.IndexOf(". ", StringComparison.Ordinal) + 2)..]);
        var lines = SourceLines(_markdown);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
            Assert.Equal(referenceByLink[LinkOf(line)], line[(line.IndexOf(". ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => $"{i}."), lines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void The_export_parses_back_into_the_same_balanced_counts()
    {
        var lines = SourceLines(_markdown);
        var count = int.Parse(Value(_markdown, "articleCount"));
        var us = int.Parse(Value(_markdown, "usSources"));
        var china = int.Parse(Value(_markdown, "chinaSources"));

        Assert.Equal(count, lines.Count);
        Assert.Equal(us, china);
        Assert.Equal(count, us + china);
        Assert.Contains($"This summary is based on {count} articles from the following sources:", _markdown);
        var sources = Value(_markdown, "sources").Trim('[', ']').Split(", ").Select(s => s.Trim('"')).ToList();
        Assert.Equal(lines.Select(l => OutletOf(l)).Distinct(), sources);
    }

    [Fact]
    public async Task No_outlet_exceeds_a_third_of_its_side_and_sources_are_newest_first()
    {
        await using var db = golden.Database.CreateContext();
        var digest = await db.Digests.Include(d => d.Articles).SingleAsync();
        var cap = Math.Max(1, digest.PerSideCount / 3);
        Expect.All(digest.Articles.GroupBy(a => (a.Side, a.OutletName)), 6, g => Assert.True(g.Count() <= cap, $"{g.Key} has {g.Count()}"));
        var times = digest.Articles.OrderBy(a => a.Position).Select(a => a.PublishedAt).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public void Highlights_quote_each_headline_once_by_source_number_and_a_sides_empty_list_says_where_its_articles_are()
    {
        static List<string> Bullets(string markdown, string heading) =>
            markdown.Split(heading + "\n\n")[1].Split("\n\n")[0].Split('\n').Where(l => l.StartsWith("- ")).ToList();
        var sources = SourceLines(_markdown);
        var overall = Bullets(_markdown, "## Overall Highlights");
        var us = Bullets(_markdown, "## United States Perspective (United States Sources)");
        var china = Bullets(_markdown, "## China Perspective (China Sources)");

        Assert.NotEmpty(overall);
        Assert.Equal(us.Count, china.Count);
        // On this small day the overall highlights and the stories both sides covered hold every article: a side's list
        // says so rather than quote a headline again.
        Assert.Equal(["- Nothing more for United States here: the overall highlights quote its main stories, and all its articles are in the sources."], us);
        Assert.Equal(["- Nothing more for China here: the overall highlights quote its main stories, and all its articles are in the sources."], china);
        Assert.Contains(overall, b => b.Contains(" — covered by both sides: United States (", StringComparison.Ordinal));
        // Every bullet quotes the first source it names (the others it names by outlet), and no headline is quoted twice.
        var quotes = overall.Select(b => System.Text.RegularExpressions.Regex.Match(b, "^- “(.+?)” \\(").Groups[1].Value).ToList();
        Assert.DoesNotContain("", quotes);
        Assert.Equal(quotes.Count, quotes.Distinct().Count());
        foreach (var (bullet, quoted) in overall.Select(b => (b, 1)))
        {
            var numbers = SourceNumber().Matches(bullet).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.NotEmpty(numbers);
            foreach (var number in numbers.Take(quoted))
            {
                var line = sources[number - 1];
                var headline = line[(line.IndexOf("] [", StringComparison.Ordinal) + 3)..line.IndexOf("](", StringComparison.Ordinal)];
                Assert.Contains(headline, bullet);
            }
        }
    }

    private static string LinkOf(string line) => LinkPattern().Match(line).Groups[1].Value;

    private static string OutletOf(string line) => line[(line.LastIndexOf(") - ", StringComparison.Ordinal) + 4)..line.LastIndexOf(" (", StringComparison.Ordinal)];

    [GeneratedRegex(@"^\d+\. \[[a-z]{2}-[A-Z]{2}\] \[")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"source (\d+)\)")]
    private static partial Regex SourceNumber();

    [GeneratedRegex(@"\]\((https?://[^)]+)\) - ")]
    private static partial Regex LinkPattern();
}
