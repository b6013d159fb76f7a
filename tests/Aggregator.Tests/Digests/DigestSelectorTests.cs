using Aggregator.Digests;
using Aggregator.Model;

namespace Aggregator.Tests.Digests;

public sealed class DigestSelectorTests
{
    private static readonly Side[] Sides = [Side.Us, Side.China];
    private static readonly DateTimeOffset Noon = new(2026, 1, 11, 12, 0, 0, TimeSpan.Zero);
    private static long _nextId;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> StoryIds = new();

    /// <summary>An article whose stored story is <paramref name="story"/>, or by default the story of its exact headline.</summary>
    private static DigestCandidate Article(Side side, int outlet, string headline, int minutesAgo = 0, long? story = null) =>
        new(Interlocked.Increment(ref _nextId), story ?? StoryIds.GetOrAdd(headline, _ => 1000 + StoryIds.Count), side, outlet, $"Outlet {outlet}", headline, Noon.AddMinutes(-minutesAgo));

    private static readonly string[] DistinctHeadlines =
    [
        "Tariff deadline looms for soybean exporters", "Pentagon budget adds shipyard funding", "Taiwan election campaign opens",
        "Semiconductor plant breaks ground in Arizona", "Rare earth magnets shortage hits carmakers", "Panda diplomacy returns to zoo",
        "Satellite launch schedule slips again", "Fentanyl precursor talks resume quietly", "Student visa rules tightened",
        "Ocean shipping rates climb sharply", "Wheat harvest forecast revised downward", "Cyberattack blamed on hacking group",
    ];

    private static List<DigestCandidate> OnSide(Side side, int count, int outletOffset = 0) =>
        Enumerable.Range(0, count).Select(i => Article(side, outletOffset + i, DistinctHeadlines[i], i)).ToList();

    [Fact]
    public void Both_sides_get_the_same_number_capped_by_the_quota()
    {
        var selection = DigestSelector.Select([.. OnSide(Side.Us, 12), .. OnSide(Side.China, 7, 100)], Sides, quota: 5);

        Assert.Equal(5, selection.PerSideCount);
        Assert.Equal(5, selection.PerSide[Side.Us].Count);
        Assert.Equal(5, selection.PerSide[Side.China].Count);
    }

    [Fact]
    public void A_side_with_nothing_makes_an_empty_balanced_digest()
    {
        var selection = DigestSelector.Select(OnSide(Side.Us, 6), Sides, quota: 10);

        Assert.Equal(0, selection.PerSideCount);
        Assert.Empty(selection.All);
    }

    [Fact]
    public void A_side_with_two_articles_limits_both_sides_to_two()
    {
        var selection = DigestSelector.Select([.. OnSide(Side.Us, 9), .. OnSide(Side.China, 2, 100)], Sides, quota: 10);

        Assert.Equal(2, selection.PerSideCount);
        Assert.Equal(4, selection.All.Count);
    }

    [Fact]
    public void A_quota_larger_than_both_sides_takes_the_smaller_side_count()
    {
        var selection = DigestSelector.Select([.. OnSide(Side.Us, 4), .. OnSide(Side.China, 6, 100)], Sides, quota: 50);

        Assert.Equal(4, selection.PerSideCount);
    }

    [Fact]
    public void The_same_story_from_five_outlets_appears_once_per_side()
    {
        var story = Enumerable.Range(0, 5).Select(i => Article(Side.Us, i, $"Xi and Biden meet in San Francisco for summit talks {i}", i, story: 1)).ToList();
        var chinaStory = Article(Side.China, 50, "Xi Biden summit talks in San Francisco", 3, story: 1);
        var others = OnSide(Side.Us, 3, 10).Concat(OnSide(Side.China, 4, 60));

        var selection = DigestSelector.Select([.. story, chinaStory, .. others], Sides, quota: 10);

        var us = selection.PerSide[Side.Us];
        Assert.Single(us, a => story.Contains(a));
        Assert.Equal(4, selection.PerSideCount);
        // The story both sides covered ranks first on each side.
        Assert.Contains(us[0], story);
        Assert.Equal(chinaStory, selection.PerSide[Side.China][0]);
    }

    [Fact]
    public void No_outlet_takes_more_than_a_third_of_a_side_while_others_are_available()
    {
        var dominant = Enumerable.Range(0, 9).Select(i => Article(Side.China, 1, DistinctHeadlines[i], i)).ToList();
        var others = Enumerable.Range(9, 3).Select(i => Article(Side.China, i, DistinctHeadlines[i], i)).ToList();

        var selection = DigestSelector.Select([.. dominant, .. others, .. OnSide(Side.Us, 6, 100)], Sides, quota: 6);

        var china = selection.PerSide[Side.China];
        Assert.Equal(6, china.Count);
        // Three other outlets, so the dominant one gets the rest: 3 of 6, never more than needed.
        Assert.Equal(3, china.Count(a => a.OutletId == 1));
        var moreOthers = Enumerable.Range(20, 6).Select(i => Article(Side.China, i, DistinctHeadlines[i - 20] + " update", i)).ToList();
        var capped = DigestSelector.Select([.. dominant, .. moreOthers, .. OnSide(Side.Us, 6, 100)], Sides, quota: 6);
        Assert.True(capped.PerSide[Side.China].Count(a => a.OutletId == 1) <= 2);
    }

    [Fact]
    public void Articles_stored_before_stories_existed_are_each_a_story_of_their_own()
    {
        var unplaced = Enumerable.Range(0, 3).Select(i => Article(Side.Us, i, "Same words", i) with { StoryId = null }).ToList();

        var selection = DigestSelector.Select([.. unplaced, .. OnSide(Side.China, 3, 100)], Sides, quota: 10);

        Assert.Equal(3, selection.PerSide[Side.Us].Count);
    }

    [Fact]
    public void Selection_is_deterministic()
    {
        var candidates = OnSide(Side.Us, 8).Concat(OnSide(Side.China, 8, 100)).ToList();

        var first = DigestSelector.Select(candidates, Sides, 5).All.Select(a => a.ArticleId);
        var second = DigestSelector.Select(candidates.AsEnumerable().Reverse().ToList(), Sides, 5).All.Select(a => a.ArticleId);

        Assert.Equal(first, second);
    }
}
