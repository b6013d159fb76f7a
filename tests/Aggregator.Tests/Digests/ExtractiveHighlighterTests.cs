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
    public void With_texts_read_a_story_is_told_by_its_most_central_lead_sentence_and_each_side_by_its_own_leads()
    {
        DigestCandidate[] candidates =
        [
            Article(1, 100, Side.Us, "Truce holds", 1), Article(2, 100, Side.China, "Beijing hails deal", 2), Article(3, 100, Side.Us, "Markets cheer", 3),
            Article(4, 200, Side.Us, "Senate bill targets biotech suppliers", 4), Article(5, 300, Side.China, "Lunar samples return", 5),
            Article(6, 400, Side.Us, "Chip curbs widen", 6), Article(7, 500, Side.China, "Yuan steadies", 7),
            Article(8, 600, Side.Us, "Port fees take effect", 8), Article(9, 700, Side.China, "Rail link opens", 9),
            Article(10, 800, Side.Us, "Soybean sales slow", 10), Article(11, 900, Side.China, "Exports beat forecasts", 11),
        ];
        var leads = new Dictionary<long, string>
        {
            // Of story 100's three leads, the second shares the most with what the other two say.
            [1] = "The United States and China agreed on Tuesday to extend their tariff truce by 90 days. Talks resume in May.",
            [2] = "China and the United States extended their tariff truce by 90 days on Tuesday, the commerce ministry said in Beijing.",
            [3] = "Stocks rose in New York as investors welcomed the extended tariff truce between the two economies.",
            [8] = "New port fees on Chinese-built ships took effect on Monday, raising costs for carriers on Pacific routes.",
            // A wire story two outlets ran word for word: quoted once.
            [10] = "Soybean sales to China slowed sharply in the week to Thursday, the Agriculture Department said.",
            [9] = "Soybean sales to China slowed sharply in the week to Thursday, the Agriculture Department said.",
        };

        var highlights = ExtractiveHighlighter.Write(new HighlightRequest("US vs China", Sides, DigestSelector.Select(candidates, [Side.Us, Side.China], 10), leads));

        Assert.Equal(5, highlights.Overall.Count);
        Assert.Equal("“China and the United States extended their tariff truce by 90 days on Tuesday, the commerce ministry said in Beijing.” "
            + "(Outlet 2, source 2) — covered by both sides: United States (Outlet 1, source 1), China (Outlet 2, source 2).", highlights.Overall[0].Text);
        // Stories without a text read are told by their headline.
        Assert.StartsWith("“Senate bill targets biotech suppliers” (Outlet 4,", highlights.Overall[1].Text);
        var us = highlights.PerSide[Side.Us].Select(b => b.Text).ToList();
        var china = highlights.PerSide[Side.China].Select(b => b.Text).ToList();
        Assert.Equal(us.Count, china.Count);
        Assert.Contains(us, b => b.StartsWith("“New port fees on Chinese-built ships took effect on Monday, raising costs for carriers on Pacific routes.” (Outlet 8,"));
        var all = highlights.Overall.Concat(highlights.PerSide.Values.SelectMany(b => b)).Select(b => b.Text).ToList();
        var quotes = all.Select(b => System.Text.RegularExpressions.Regex.Match(b, "“([^”]+)”").Groups[1].Value).ToList();
        Assert.Equal(quotes.Count, quotes.Distinct().Count());
        Assert.Single(quotes, q => q.StartsWith("Soybean sales to China slowed"));
    }

    [Theory]
    [InlineData("The truce was extended on Tuesday. Talks resume in May.", "The truce was extended on Tuesday.")]
    [InlineData("WASHINGTON (Reuters) - U.S. officials said on Monday that Mr. Smith would visit Beijing. He leaves on Friday.",
        "WASHINGTON (Reuters) - U.S. officials said on Monday that Mr. Smith would visit Beijing.")]
    [InlineData("Short one. Then the sentence that says what happened in the capital today.", "Short one. Then the sentence that says what happened in the capital today.")]
    [InlineData("“We will not back down,” the minister said. Others disagreed.", "“We will not back down,” the minister said.")]
    public void A_leads_first_sentence_is_what_highlights_quote(string lead, string sentence) =>
        Assert.Equal(sentence, LeadSentences.First(lead));

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
