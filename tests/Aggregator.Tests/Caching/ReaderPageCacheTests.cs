using Aggregator.Digests;
using Aggregator.Model;
using Aggregator.Tests.Digests;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Caching;

/// <summary>Cached reader pages give way to a new digest at once, on this instance and on every other.</summary>
public sealed class ReaderPageCacheTests : IAsyncLifetime
{
    private readonly DigestPagesFixture fixture = new();

    public Task InitializeAsync() => fixture.InitializeAsync();

    public Task DisposeAsync() => fixture.DisposeAsync();

    [Fact]
    public async Task Publishing_a_changed_digest_replaces_the_cached_page()
    {
        var before = await fixture.Client.GetStringAsync("/topics/us-china/2026-01-12");
        await using (var db = fixture.Database.CreateContext())
            await db.Outlets.Where(o => o.Name == "Forbes").ExecuteUpdateAsync(s => s.SetProperty(o => o.Side, Side.Neutral));
        await using (var db = fixture.Database.CreateContext())
            await db.Articles.Where(a => a.SourceName == "Forbes").ExecuteUpdateAsync(s => s.SetProperty(a => a.Side, Side.Neutral));
        var cached = await fixture.Client.GetStringAsync("/topics/us-china/2026-01-12");

        await using (var scope = fixture.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);
        var after = await fixture.Client.GetStringAsync("/topics/us-china/2026-01-12");

        Assert.Contains("version 1", before);
        Assert.Equal(before, cached);
        Assert.Contains("version 2", after);
    }

    [Fact]
    public async Task Publishing_on_one_instance_replaces_the_page_another_instance_cached()
    {
        await using var other = new AppFactory(fixture.Database.ConnectionString);
        using var otherClient = Browserless.Client(other);
        var cachedThere = await otherClient.GetStringAsync("/topics/us-china/2026-01-12");
        Assert.NotNull((await otherClient.GetAsync("/topics/us-china/2026-01-12")).Headers.Age);
        await using (var db = fixture.Database.CreateContext())
            await db.Articles.Where(a => a.SourceName == "Forbes").ExecuteUpdateAsync(s => s.SetProperty(a => a.Side, Side.Neutral));

        await using (var scope = fixture.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestPublisher>().PublishAsync("us-china", new DateOnly(2026, 1, 12), CancellationToken.None);

        Assert.Contains("version 1", cachedThere);
        var after = await Eventually.ReturnsAsync("the other instance to serve version 2", () => otherClient.GetStringAsync("/topics/us-china/2026-01-12"), page => page.Contains("version 2"));
        Assert.Contains("version 2", after);
    }
}
