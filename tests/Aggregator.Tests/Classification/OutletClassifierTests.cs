using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Classification;

public sealed class OutletClassifierTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    protected override async Task PrepareAsync()
    {
        await using var db = Database.CreateContext();
        await TestData.AddOutletAsync(db, "Xinhua", Side.China, ["news.cn", "xinhuanet.com"], ["新华网", "Xinhua News Agency"]);
        await TestData.AddOutletAsync(db, "CGTN", Side.China, ["cgtn.com"], ["news.cgtn.com"]);
        await TestData.AddOutletAsync(db, "Reuters", Side.Us, ["reuters.com"]);
    }

    private async Task<OutletMatch> ClassifyAsync(string? name, string? url)
    {
        await using var scope = Services.CreateAsyncScope();
        var matches = await scope.ServiceProvider.GetRequiredService<OutletClassifier>().ClassifyAsync([new OutletClue(name, url)], CancellationToken.None);
        return matches[new OutletClue(name, url)];
    }

    [Theory]
    [InlineData("Reuters", "https://www.reuters.com")]
    [InlineData("Some other spelling", "https://WWW.Reuters.com/world/")]
    [InlineData(null, "https://uk.reuters.com")]
    public async Task Host_with_www_or_a_subdomain_finds_the_outlet(string? name, string url)
    {
        Assert.Equal("Reuters", (await ClassifyAsync(name, url)).Name);
    }

    [Theory]
    [InlineData("新华网")]
    [InlineData("XINHUA  news agency")]
    [InlineData("Xinhua")]
    public async Task Name_or_alias_in_any_script_or_case_finds_the_outlet_when_the_host_is_unknown(string name)
    {
        var match = await ClassifyAsync(name, "https://unknown-mirror.example");

        Assert.Equal(("Xinhua", Side.China), (match.Name, match.Side));
    }

    [Fact]
    public async Task An_alias_that_is_a_host_name_finds_the_outlet()
    {
        Assert.Equal("CGTN", (await ClassifyAsync("news.cgtn.com", null)).Name);
    }

    [Fact]
    public async Task An_unknown_outlet_has_no_match_and_the_classifier_stores_nothing()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var matches = await scope.ServiceProvider.GetRequiredService<OutletClassifier>()
                .ClassifyAsync([new OutletClue("The Diplomat", "https://thediplomat.com"), new OutletClue("Reuters", null)], CancellationToken.None);
            Assert.Equal("Reuters", Assert.Single(matches).Value.Name);
        }

        await using var db = Database.CreateContext();
        Assert.Equal(3, await db.Outlets.CountAsync());
    }
}
