using Aggregator.Ingestion;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Tests.Replay;

/// <summary>The replay mode: saved feeds imported as the days they are, each day's digest built as the scheduled job builds it.</summary>
[Collection(SampleFortnightReaders.Name)]
public sealed class ReplayTests(SampleFortnight fortnight)
{
    [Fact]
    public async Task Replaying_the_sample_fortnight_into_a_fresh_database_publishes_its_fourteen_days()
    {
        Assert.True(fortnight.Replay.ExitCode == 0, fortnight.Replay.Output + fortnight.Replay.Error);
        await using var db = fortnight.Database.CreateContext();
        var days = await db.Digests.Select(d => d.Date).Distinct().OrderBy(d => d).ToListAsync();
        var expected = Enumerable.Range(0, 14).Select(i => SampleFortnight.FirstDay.AddDays(i)).ToList();
        Assert.Equal(expected, days);
        // Each file is one fetch run, recorded as a replay (another test here replays again: the first 14 are this one's);
        // 818 items, a few of them seen again on the next day.
        var runs = await db.FetchRuns.Where(r => r.Trigger == FetchTriggers.Replay).OrderBy(r => r.Id).Take(14).ToListAsync();
        Assert.Equal(14, runs.Count);
        Assert.Equal(14, runs.Select(r => r.Source).Distinct().Count());
        Assert.Equal(818, runs.Sum(r => r.ItemsSeen));
        Assert.Equal(runs.Sum(r => r.ItemsNew), await db.Articles.CountAsync());
        Assert.Contains("Replayed 14 feeds (0 failed); 14 digests published", fortnight.Replay.Output);
        // Built in order, each once its window had closed: the first day after the second file, the last after the last.
        var lines = fortnight.Replay.Output.Split('\n');
        Assert.StartsWith("china-2026-05-31.xml", lines[0]);
        Assert.StartsWith("china-2026-06-01.xml", lines[1]);
        Assert.StartsWith("  2026-06-01: Built", lines[2]);
        Assert.Contains("  2026-06-14: Built", fortnight.Replay.Output);
    }

    [Fact]
    public async Task Replaying_the_same_feeds_again_stores_nothing_and_keeps_every_digest_version()
    {
        await using var db = fortnight.Database.CreateContext();
        var articles = await db.Articles.CountAsync();
        var again = await CliHarness.RunAsync(fortnight.App.Services, "replay", "--topic", "us-china", SampleFortnight.Directory);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(articles, await db.Articles.CountAsync());
        Assert.Equal(14, await db.Digests.CountAsync());
        Assert.Equal(14, again.Output.Split('\n').Count(l => l.Contains("is unchanged (version 1)")));
    }

    [Fact]
    public async Task Replay_of_a_missing_directory_or_topic_fails_with_the_reason()
    {
        var noDirectory = await CliHarness.RunAsync(fortnight.App.Services, "replay", "--topic", "us-china", "/nonexistent/feeds");
        Assert.Equal(2, noDirectory.ExitCode);
        Assert.Contains("no directory '/nonexistent/feeds'", noDirectory.Error);
        var noTopic = await CliHarness.RunAsync(fortnight.App.Services, "replay", "--topic", "nope", SampleFortnight.Directory);
        Assert.Equal(2, noTopic.ExitCode);
        Assert.Contains("nope", noTopic.Error);
    }

    [Fact]
    public async Task No_digest_of_the_fortnight_shows_an_outlet_page_or_a_chinese_headline_and_most_days_pair_the_sides()
    {
        await using var db = fortnight.Database.CreateContext();
        var shown = await db.DigestArticles.Join(db.Articles, d => d.ArticleId, a => a.Id, (d, a) => new { d.DigestId, a.IsOutletPage, a.Language, a.Headline }).ToListAsync();
        Assert.True(shown.Count >= 14 * 10, $"{shown.Count} digest lines");
        Assert.Equal(4, await db.Articles.CountAsync(a => a.IsOutletPage));
        Assert.DoesNotContain(shown, line => line.IsOutletPage);
        Assert.All(shown, line => Assert.Equal("en", line.Language));
        Assert.DoesNotContain(shown, line => Aggregator.Model.Scripts.IsWrittenInCjk(line.Headline));
        // "How each side framed it" has pairs on most days (each pair checked against the labels by FetchByFetchStoriesTests).
        var digests = await db.Digests.Include(d => d.Sides).Include(d => d.Articles).ToListAsync();
        Assert.Equal(14, digests.Count);
        var daysWithPairs = digests.Count(d => Aggregator.Digests.DigestFramings.Of(d).Count > 0);
        Assert.True(daysWithPairs >= 7, $"{daysWithPairs} of 14 days pair the sides");
    }
}
