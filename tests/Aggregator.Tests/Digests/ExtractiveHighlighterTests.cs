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
    public void A_story_both_sides_covered_comes_first_with_both_framings_and_one_sided_stories_say_so()
    {
        var highlights = Write(
            Article(1, 100, Side.Us, "Tariff truce extended", 1), Article(2, 100, Side.China, "China welcomes tariff truce", 2),
            Article(3, 200, Side.Us, "Senate bill targets biotech suppliers", 3), Article(4, 300, Side.China, "Lunar samples return", 4));

        Assert.Equal(
        [
            "Both sides: United States — “Tariff truce extended” (Outlet 1, source 1); China — “China welcomes tariff truce” (Outlet 2, source 2).",
            "Only United States outlets: “Senate bill targets biotech suppliers” (Outlet 3, source 3).",
            "Only China outlets: “Lunar samples return” (Outlet 4, source 4).",
        ], highlights.Overall.Select(b => b.Text));
        Assert.Equal(
        [
            "“Tariff truce extended” (Outlet 1, source 1); China outlets covered it too (source 2).",
            "“Senate bill targets biotech suppliers” (Outlet 3, source 3); only United States outlets covered this.",
        ], highlights.PerSide[Side.Us].Select(b => b.Text));
        Assert.Equal([100L, 200L], highlights.PerSide[Side.Us].Select(b => b.StoryId!.Value));
        Assert.Equal([100L, 200L, 300L], highlights.Overall.Select(b => b.StoryId!.Value));
        Assert.Equal(2, highlights.PerSide[Side.China].Count);
    }
}
