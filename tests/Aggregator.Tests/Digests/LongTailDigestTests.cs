using System.Text.RegularExpressions;
using Aggregator.Digests;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

/// <summary>
/// A day with twelve stories a side where half the US-side outlets are unknown to the registry: the digest is still a
/// full 10 + 10, the unknown outlets count with a provisional side and are marked, and the highlights pair the sides.
/// </summary>
public sealed partial class LongTailDigestTests(LongTailDigestTests.Fixture fixture) : IClassFixture<LongTailDigestTests.Fixture>
{
    private static readonly DateOnly Day = new(2026, 1, 13);
    private static readonly string[] Unknown = ["Lakeside Ledger", "Prairie Courier", "Harbor City Times", "Mountain State Wire", "Tidewater Tribune", "Capitol Dispatch"];

    /// <summary>The class's one database and app, prepared once: every test here only reads.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TestDatabase Database { get; } = new SeededTestDatabase();
        public AppFactory App { get; private set; } = null!;
        public Digest Digest { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Database.InitializeAsync();
            App = new AppFactory(Database.ConnectionString, new Dictionary<string, string?>
            {
                ["Admin:Email"] = "boot@example.org",
                ["Admin:Password"] = "bootstrap passphrase",
            });
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsLongTail), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", Day, CancellationToken.None);
            await using var db = Database.CreateContext();
            Digest = await db.Digests.Include(d => d.Articles).Include(d => d.Highlights).SingleAsync(d => d.Date == Day);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    [Fact]
    public void The_digest_holds_ten_articles_a_side_each_from_its_own_story()
    {
        Assert.Equal(10, fixture.Digest.PerSideCount);
        Assert.Equal(10, fixture.Digest.Articles.Count(a => a.Side == Side.Us));
        Assert.Equal(10, fixture.Digest.Articles.Count(a => a.Side == Side.China));
        Assert.All(fixture.Digest.Articles, a => Assert.NotNull(a.StoryId));
        Assert.All(fixture.Digest.Articles.GroupBy(a => (a.Side, a.StoryId)), g => Assert.Single(g));
    }

    [Fact]
    public async Task Unknown_outlets_count_marked_provisional_and_wait_in_the_review_queue()
    {
        // Ten of the twelve US-side stories make the digest; most of those from unknown outlets.
        Assert.True(fixture.Digest.Articles.Count(a => Unknown.Contains(a.OutletName)) >= 4);
        Assert.All(fixture.Digest.Articles, a => Assert.Equal(Unknown.Contains(a.OutletName), a.Provisional));

        using var anonymous = Browserless.Client(fixture.App);
        var page = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/topics/us-china/{Day:yyyy-MM-dd}"));
        var marked = page.QuerySelectorAll("li").Where(li => li.QuerySelector("a.badge.provisional") is not null).Select(li => li.TextContent).ToList();
        Assert.Equal(fixture.Digest.Articles.Count(a => a.Provisional), marked.Count);
        Assert.All(marked, text => Assert.Contains(Unknown, outlet => text.Contains($"— {outlet}")));

        using var admin = await Browserless.SignedInAsync(fixture.App, "boot@example.org", admin: true);
        var queue = new HtmlParser().ParseDocument(await admin.GetStringAsync("/admin/review"))
            .QuerySelectorAll("tr[data-outlet]").Select(r => r.GetAttribute("data-outlet")).ToList();
        Assert.Equal(Unknown.Order(), queue.Order());
    }

    [Fact]
    public void Overall_highlights_give_each_story_both_sides_covered_one_headline_and_both_sides_articles()
    {
        var overall = fixture.Digest.Highlights.Where(h => h.Side is null).OrderBy(h => h.Position).Select(h => h.Text).ToList();

        Assert.Equal(5, overall.Count);
        Assert.Contains(overall, b => b.StartsWith("“Soybean shipments to China resume under tariff truce”") || b.StartsWith("“China resumes purchases of US soybeans as tariff truce holds”"));
        Expect.All(overall, 5, bullet =>
        {
            Assert.Contains(" — covered by both sides: United States (", bullet);
            var (lead, us, china) = (Source(SourcesIn(bullet)[0]), Source(SourcesIn(bullet)[1]), Source(SourcesIn(bullet)[2]));
            Assert.StartsWith($"“{lead.Headline}” ({lead.OutletName}, source {lead.Position})", bullet);
            Assert.Equal((Side.Us, Side.China), (us.Side, china.Side));
            Assert.Equal((lead.StoryId, lead.StoryId), (us.StoryId, china.StoryId));
            // The story's headline that comes first in the sources stands for it.
            Assert.Equal(Math.Min(us.Position, china.Position), lead.Position);
        });
    }

    [Fact]
    public void Each_side_lists_as_many_of_its_other_stories_and_quotes_no_headline_the_overall_or_the_framings_show()
    {
        var us = fixture.Digest.Highlights.Where(h => h.Side == Side.Us).Select(h => h.Text).ToList();
        var china = fixture.Digest.Highlights.Where(h => h.Side == Side.China).Select(h => h.Text).ToList();
        var framed = fixture.Digest.Articles.GroupBy(a => a.StoryId!.Value).Where(story => story.Select(a => a.Side).Distinct().Count() == 2)
            .Select(story => story.Key).ToHashSet();

        Assert.Equal(5, framed.Count);
        Assert.Equal(5, us.Count);
        Assert.Equal(us.Count, china.Count);
        foreach (var (bullets, side) in new[] { (us, Side.Us), (china, Side.China) })
            Expect.All(bullets, 5, bullet =>
            {
                var own = Source(SourcesIn(bullet).Single());
                Assert.Equal(side, own.Side);
                Assert.StartsWith($"“{own.Headline}” ({own.OutletName}, source {own.Position})", bullet);
                Assert.DoesNotContain(own.StoryId!.Value, framed);
            });
    }

    private DigestArticle Source(int number) => fixture.Digest.Articles.Single(a => a.Position == number);

    private static List<int> SourcesIn(string text) => SourceNumber().Matches(text).Select(m => int.Parse(m.Groups[1].Value)).ToList();

    [GeneratedRegex(@"source (\d+)")]
    private static partial Regex SourceNumber();
}
