using Aggregator.Digests;
using Aggregator.Digests.Highlighting;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Digests;

public sealed class DigestPublisherTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    private static readonly DateOnly Day = new(2026, 1, 12);
    private static readonly DateTimeOffset WindowEnd = new(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);

    private int _topicId;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddRegistry().AddOutputCache().AddScoped<DigestPublisher>().AddScoped<DigestReader>().AddSingleton<IHighlighter, ExtractiveHighlighter>();

    protected override async Task PrepareAsync()
    {
        await using var db = Database.CreateContext();
        _topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        for (var i = 0; i < 6; i++)
        {
            await TestData.AddOutletAsync(db, $"US Outlet {i}", Side.Us, [$"us{i}.example"]);
            await TestData.AddOutletAsync(db, $"China Outlet {i}", Side.China, [$"cn{i}.example"]);
        }
    }

    private static readonly string[] Headlines =
    [
        "Tariff deadline looms for soybean exporters", "Pentagon budget adds shipyard funding", "Taiwan election campaign opens",
        "Semiconductor plant breaks ground in Arizona", "Rare earth magnets shortage hits carmakers", "Panda diplomacy returns to zoo",
    ];

    private static ParsedItem Item(string side, int outlet, string headline, DateTimeOffset published) =>
        new($"{side}-{outlet}-{headline}-{published.Ticks}", $"https://{side}{outlet}.example/{Uri.EscapeDataString(headline)}/{published.Ticks}",
            headline, $"{(side == "us" ? "US" : "China")} Outlet {outlet}", $"https://{side}{outlet}.example", published);

    private async Task IngestAsync(params ParsedItem[] items)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(_topicId, TestData.GoogleNewsFeed(items), "en-US", CancellationToken.None);
    }

    private async Task<PublishResult> PublishAsync(DateOnly? day = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", day ?? Day, CancellationToken.None);
    }

    private Task IngestBalancedAsync(int perSide) => IngestAsync(
    [
        .. Enumerable.Range(0, perSide).Select(i => Item("us", i, Headlines[i], WindowEnd.AddHours(-1 - i))),
        .. Enumerable.Range(0, perSide).Select(i => Item("cn", i, Headlines[i] + ", reports say", WindowEnd.AddHours(-2 - i))),
    ]);

    [Fact]
    public async Task Articles_exactly_at_the_window_start_are_in_and_at_its_end_are_out()
    {
        await IngestAsync(
            Item("us", 0, "Tariff deadline looms for soybean exporters", WindowEnd.AddHours(-24)),
            Item("cn", 0, "Panda diplomacy returns to zoo", WindowEnd.AddHours(-24)),
            Item("us", 1, "Pentagon budget adds shipyard funding", WindowEnd),
            Item("cn", 1, "Taiwan election campaign opens", WindowEnd.AddTicks(-1)),
            Item("us", 2, "Semiconductor plant breaks ground in Arizona", WindowEnd.AddHours(-24).AddTicks(-10)));

        var digest = (await PublishAsync()).Digest!;

        Assert.Equal(1, digest.PerSideCount);
        await using var db = Database.CreateContext();
        var headlines = await db.DigestArticles.Where(a => a.DigestId == digest.Id).OrderBy(a => a.Position).Select(a => a.Headline).ToListAsync();
        Assert.Equal(["Taiwan election campaign opens", "Tariff deadline looms for soybean exporters"], headlines);
    }

    [Fact]
    public async Task Rebuilding_unchanged_inputs_keeps_the_version_and_a_change_stores_the_next_one_leaving_the_old_intact()
    {
        await IngestBalancedAsync(4);
        var first = await PublishAsync();
        var again = await PublishAsync();
        await IngestAsync(Item("us", 5, "Ocean shipping rates climb sharply", WindowEnd.AddMinutes(-5)), Item("cn", 5, "Wheat harvest forecast revised downward", WindowEnd.AddMinutes(-6)));
        var changed = await PublishAsync();

        Assert.Equal((PublishOutcome.Built, PublishOutcome.Unchanged, PublishOutcome.Built), (first.Outcome, again.Outcome, changed.Outcome));
        Assert.Equal(first.Digest!.Id, again.Digest!.Id);
        Assert.Equal(2, changed.Digest!.Version);
        await using var db = Database.CreateContext();
        Assert.Equal(4, await db.DigestArticles.CountAsync(a => a.DigestId == first.Digest.Id && a.Side == Side.Us));
        Assert.Equal(5, await db.DigestArticles.CountAsync(a => a.DigestId == changed.Digest.Id && a.Side == Side.Us));
        await using var scope = Services.CreateAsyncScope();
        Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<DigestReader>().LatestAsync("us-china", Day, CancellationToken.None))!.Version);
    }

    [Fact]
    public async Task A_side_with_two_articles_gives_a_thin_digest_that_says_so()
    {
        await IngestAsync(
            Item("us", 0, Headlines[0], WindowEnd.AddHours(-1)), Item("us", 1, Headlines[1], WindowEnd.AddHours(-2)), Item("us", 2, Headlines[2], WindowEnd.AddHours(-3)),
            Item("cn", 0, Headlines[3], WindowEnd.AddHours(-1)), Item("cn", 1, Headlines[4], WindowEnd.AddHours(-2)));

        var digest = (await PublishAsync()).Digest!;

        Assert.True(digest.IsThin);
        Assert.Equal(2, digest.PerSideCount);
        await using var db = Database.CreateContext();
        var first = await db.DigestHighlights.Where(h => h.DigestId == digest.Id).OrderBy(h => h.Position).FirstAsync();
        Assert.Equal("Coverage was thin in this window: only 2 China stories, so each side shows 2.", first.Text);
    }

    [Fact]
    public async Task One_side_empty_still_builds_with_nothing_on_either_side()
    {
        await IngestAsync(Item("us", 0, Headlines[0], WindowEnd.AddHours(-1)));

        var digest = (await PublishAsync()).Digest!;

        Assert.Equal(0, digest.PerSideCount);
        Assert.True(digest.IsThin);
    }

    [Fact]
    public async Task Neutral_and_unclassified_outlets_stay_out_and_provisional_ones_count_marked_unless_the_topic_says_otherwise()
    {
        await using (var db = Database.CreateContext())
        {
            await TestData.AddOutletAsync(db, "Neutral Wire", Side.Neutral, ["neutral.example"]);
            await TestData.AddOutletAsync(db, "Unreviewed Times", Side.Unclassified, ["unreviewed.example"]);
        }
        await IngestBalancedAsync(3);
        await IngestAsync(
            new ParsedItem("n1", "https://neutral.example/a", "Neutral wire story on grain", "Neutral Wire", "https://neutral.example", WindowEnd.AddHours(-1)),
            new ParsedItem("r1", "https://unreviewed.example/a", "Unreviewed outlet story on ports", "Unreviewed Times", "https://unreviewed.example", WindowEnd.AddHours(-1)),
            new ParsedItem("u1", "https://unknown.example/a", "Lithium exports halted at the border", "Unknown Daily", "https://unknown.example", WindowEnd.AddHours(-1)),
            Item("cn", 4, "Lithium exports halted at the border crossing", WindowEnd.AddHours(-2)));

        var withProvisional = (await PublishAsync()).Digest!;
        await using (var db = Database.CreateContext())
            await db.Topics.ExecuteUpdateAsync(t => t.SetProperty(x => x.IncludeProvisional, false));
        var withoutProvisional = (await PublishAsync()).Digest!;

        await using var check = Database.CreateContext();
        var lines = await check.DigestArticles.Where(a => a.DigestId == withProvisional.Id).ToDictionaryAsync(a => a.OutletName, a => a.Provisional);
        Assert.DoesNotContain("Neutral Wire", lines.Keys);
        Assert.DoesNotContain("Unreviewed Times", lines.Keys);
        Assert.True(lines["Unknown Daily"]);
        Assert.False(lines["US Outlet 0"]);
        Assert.DoesNotContain("Unknown Daily", await check.DigestArticles.Where(a => a.DigestId == withoutProvisional.Id).Select(a => a.OutletName).ToListAsync());
    }

    [Fact]
    public async Task A_window_that_has_not_closed_or_holds_nothing_builds_nothing_and_says_why()
    {
        var notDue = await PublishAsync(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1));
        var empty = await PublishAsync(new DateOnly(2025, 6, 1));

        Assert.Equal((PublishOutcome.NotDue, null), (notDue.Outcome, notDue.Digest));
        Assert.Contains("which have not passed yet", notDue.Message);
        Assert.Equal((PublishOutcome.Empty, null), (empty.Outcome, empty.Digest));
        Assert.StartsWith("no classified us-china article was published between 2025-05-31 04:00 and 2025-06-01 04:00 UTC", empty.Message);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Digests.CountAsync());
    }
}
