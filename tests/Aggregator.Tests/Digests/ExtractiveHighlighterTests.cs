using Aggregator.Digests;
using Aggregator.Digests.Highlighting;
using Aggregator.Model;

namespace Aggregator.Tests.Digests;

public sealed class ExtractiveHighlighterTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 12, 3, 0, 0, TimeSpan.Zero);
    private static readonly NamedSide[] Sides = [new(Side.Us, "United States"), new(Side.China, "China")];

    private static DigestCandidate Article(long id, long story, Side side, string headline, int minutesAgo) =>
        new(id, story, side, (int)id, $"Outlet {id}", headline, At.AddMinutes(-minutesAgo));

    private static Highlights Write(params DigestCandidate[] candidates) =>
        ExtractiveHighlighter.Write(new HighlightRequest("US vs China", Sides, DigestSelector.Select(candidates, [Side.Us, Side.China], 10)));

    [Fact]
    public void Overall_gives_each_top_story_one_headline_and_the_sides_that_covered_it_stories_on_both_sides_first()
    {
        var highlights = Write(
            Article(1, 100, Side.Us, "Tariff truce extended", 1), Article(2, 100, Side.China, "China welcomes tariff truce", 2),
            Article(3, 200, Side.Us, "Senate bill targets biotech suppliers", 3), Article(4, 300, Side.China, "Lunar samples return", 4));

        Assert.Equal(
        [
            "“Tariff truce extended” (Outlet 1, source 1) — covered by both sides: United States (Outlet 1, source 1), China (Outlet 2, source 2).",
            "“Senate bill targets biotech suppliers” (Outlet 3, source 3) — only United States outlets covered it.",
            "“Lunar samples return” (Outlet 4, source 4) — only China outlets covered it.",
        ], highlights.Overall.Select(b => b.Text));
        Assert.Equal([100L, 200L, 300L], highlights.Overall.Select(b => b.StoryId!.Value));
        // Everything the sides have is said above or in the framings: their own lists stay empty rather than repeat it.
        Assert.Equal((0, 0), (highlights.PerSide[Side.Us].Count, highlights.PerSide[Side.China].Count));
    }

    [Fact]
    public void Each_side_lists_what_overall_did_not_quote_leaves_stories_on_both_sides_to_the_framings_and_gets_as_many_bullets()
    {
        var highlights = Write(
            Article(1, 100, Side.Us, "Tariff truce extended", 1), Article(2, 100, Side.China, "China welcomes tariff truce", 2),
            Article(3, 200, Side.Us, "Senate bill targets biotech suppliers", 3), Article(4, 300, Side.China, "Lunar samples return", 4),
            Article(5, 400, Side.Us, "Chip curbs widen", 5), Article(6, 500, Side.China, "Yuan steadies", 6),
            Article(7, 600, Side.Us, "Port fees take effect", 7), Article(8, 700, Side.China, "Rail link opens", 8),
            Article(9, 800, Side.Us, "Soybean sales slow", 9), Article(10, 900, Side.China, "Export data beat forecasts", 10));

        Assert.Equal([100L, 200L, 300L, 400L, 500L], highlights.Overall.Select(b => b.StoryId!.Value));
        Assert.Equal(
        [
            "“Port fees take effect” (Outlet 7, source 7); only United States outlets covered this.",
            "“Soybean sales slow” (Outlet 9, source 9); only United States outlets covered this.",
        ], highlights.PerSide[Side.Us].Select(b => b.Text));
        Assert.Equal(
        [
            "“Rail link opens” (Outlet 8, source 8); only China outlets covered this.",
            "“Export data beat forecasts” (Outlet 10, source 10); only China outlets covered this.",
        ], highlights.PerSide[Side.China].Select(b => b.Text));
        // No headline is quoted in two sections.
        var quotes = highlights.Overall.Concat(highlights.PerSide.Values.SelectMany(b => b))
            .SelectMany(b => System.Text.RegularExpressions.Regex.Matches(b.Text, "“([^”]+)”").Select(m => m.Groups[1].Value)).ToList();
        Assert.Equal(9, quotes.Count);
        Assert.Equal(quotes.Count, quotes.Distinct().Count());
    }
}
