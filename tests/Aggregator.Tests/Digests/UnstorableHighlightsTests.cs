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

/// <summary>Whatever a highlighter returns, the day's digest is stored (issue 20: a NUL or an over-long note stopped it).</summary>
public sealed class UnstorableHighlightsTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    /// <summary>A highlighter answering with what PostgreSQL would refuse: a NUL, a bell, text and a note past their columns.</summary>
    private sealed class HostileHighlighter : IHighlighter
    {
        public Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new Highlights(
                [new Bullet("Null\u0000byte and a bell\u0007."), new Bullet(new string('x', 5_000))],
                request.Sides.ToDictionary(s => s.Side, s => (IReadOnlyList<Bullet>)[new Bullet($"{s.Name}\u0000 side.")]),
                "llm", Note: "LLM not used: " + new string('k', 5_000)));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddRegistry().AddOutputCache().AddScoped<DigestPublisher>().AddSingleton<IHighlighter, HostileHighlighter>();

    [Fact]
    public async Task A_highlighter_answer_postgresql_would_refuse_is_cleaned_and_cut_and_the_digest_is_published()
    {
        var windowEnd = new DateTimeOffset(2026, 1, 12, 4, 0, 0, TimeSpan.Zero);
        int topicId;
        await using (var db = Database.CreateContext())
        {
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
            await TestData.AddOutletAsync(db, "US Outlet", Side.Us, ["us.example"]);
            await TestData.AddOutletAsync(db, "China Outlet", Side.China, ["cn.example"]);
        }
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<FeedIngestor>().IngestAsync(topicId, TestData.GoogleNewsFeed(
                new ParsedItem("u1", "https://us.example/a", "Tariff deadline looms", "US Outlet", "https://us.example", windowEnd.AddHours(-2)),
                new ParsedItem("c1", "https://cn.example/a", "Tariff deadline looms, officials say", "China Outlet", "https://cn.example", windowEnd.AddHours(-3))),
                "en-US", CancellationToken.None);

        PublishResult result;
        await using (var scope = Services.CreateAsyncScope())
            result = await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);

        Assert.Equal(PublishOutcome.Built, result.Outcome);
        await using var check = Database.CreateContext();
        var digest = await check.Digests.Include(d => d.Highlights).Include(d => d.Sides).SingleAsync();
        Assert.True(digest.Highlights.Count >= 2 + digest.Sides.Count, $"{digest.Highlights.Count} highlights");
        Assert.All(digest.Highlights, h => Assert.DoesNotContain(h.Text, char.IsControl));
        Assert.Contains(digest.Highlights, h => h.Text == "Null byte and a bell .");
        Assert.Contains(digest.Highlights, h => h.Text.Length == ColumnLengths.HighlightText);
        Assert.Equal(ColumnLengths.HighlighterNote, digest.HighlighterNote!.Length);
    }
}
