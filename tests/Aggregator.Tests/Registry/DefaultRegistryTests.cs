using Aggregator.Classification;
using Aggregator.Model;
using Aggregator.Parsing;
using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Registry;

public sealed class DefaultRegistryTests
{
    private static readonly RegistryDocument Registry = RegistryJson.LoadDefault();

    [Fact]
    public void Ships_at_least_150_outlets_each_with_a_side_a_domain_a_country_and_a_rationale()
    {
        Assert.True(Registry.Outlets.Count >= 150, $"{Registry.Outlets.Count} outlets");
        Assert.All(Registry.Outlets, o =>
        {
            var change = OutletChange.From(o, out var problem);
            Assert.Null(problem);
            Assert.Empty(change.Problems());
            Assert.NotEmpty(o.Domains);
            Assert.False(string.IsNullOrWhiteSpace(o.Country), o.Name);
            Assert.False(string.IsNullOrWhiteSpace(o.Rationale), o.Name);
        });
    }

    [Fact]
    public void Names_aliases_and_domains_are_unique_across_outlets()
    {
        var names = Registry.Outlets.SelectMany(o => o.Aliases.Append(o.Name).Select(OutletKeys.NormalizeName).Distinct().Select(n => (n, o.Name)));
        var clashes = names.GroupBy(x => x.n).Where(g => g.Select(x => x.Name).Distinct().Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(clashes);
        var hosts = Registry.Outlets.SelectMany(o => o.Domains.Select(d => OutletKeys.NormalizeHost(d)!)).ToList();
        Assert.Equal(hosts.Count, hosts.Distinct().Count());
    }

    [Fact]
    public void Every_outlet_of_the_shared_fixture_is_in_the_registry_on_a_side()
    {
        var feed = FeedParser.Parse(Fixtures.Feed(Fixtures.GoogleNewsUsChina)).Feed!;
        foreach (var item in feed.Items)
        {
            var host = OutletKeys.NormalizeHost(item.SourceUrl)!;
            var entry = Registry.Outlets.SingleOrDefault(o =>
                o.Domains.Any(d => OutletKeys.HostAndParents(host).Contains(OutletKeys.NormalizeHost(d)))
                || o.Aliases.Append(o.Name).Any(n => OutletKeys.NormalizeName(n) == OutletKeys.NormalizeName(item.SourceName!)));
            Assert.True(entry is not null, $"{item.SourceName} ({host}) is missing");
            Assert.Contains(entry.Side, new[] { "us", "china" });
        }
    }

    [Theory]
    [InlineData("Xinhua", "china")]
    [InlineData("CGTN", "china")]
    [InlineData("China Daily Hong Kong", "china")]
    [InlineData("South China Morning Post", "china")]
    [InlineData("The Straits Times", "us")]
    [InlineData("Reuters", "us")]
    [InlineData("RT", "neutral")]
    public void Follows_the_editorial_default(string outlet, string side)
    {
        Assert.Equal(side, Registry.Outlets.Single(o => o.Name == outlet).Side);
    }

    [Fact]
    public void Spells_outlets_as_google_does()
    {
        var aliases = Registry.Outlets.SelectMany(o => o.Aliases).ToHashSet();
        Assert.Contains("news.cgtn.com", aliases);
        Assert.Contains("新华网", aliases);
        Assert.Contains("chinadailyhk", aliases);
    }
}
