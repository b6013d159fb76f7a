using Aggregator.Classification;
using Aggregator.Model;
using Microsoft.Extensions.Options;

namespace Aggregator.Tests.Classification;

public sealed class ProvisionalSidesTests
{
    private static readonly ProvisionalSides Rules = new(Options.Create(new ProvisionalSideOptions()));

    [Theory]
    [InlineData("www.globaltimes.cn", "Global Times", "china", ProvisionalRules.PrcDomain)]
    [InlineData("eng.chinamil.com.cn", "China Military", "china", ProvisionalRules.PrcDomain)]
    [InlineData("www.thestandard.com.hk", "The Standard", "china", ProvisionalRules.PrcDomain)]
    [InlineData("www.macaubusiness.mo", "Macau Business", "china", ProvisionalRules.PrcDomain)]
    [InlineData("newsus.cgtn.com", "CGTN America", "china", ProvisionalRules.PrcStateDomain)]
    [InlineData("www.chinanews.com", "China News Service", "china", ProvisionalRules.PrcStateDomain)]
    [InlineData("www.example-mirror.com", "新华网", "china", ProvisionalRules.ChineseName)]
    [InlineData("www.nytimes.com", "The New York Times", "us", ProvisionalRules.EditorialDefault)]
    [InlineData("www.scmp.com", "South China Morning Post", "us", ProvisionalRules.EditorialDefault)]
    [InlineData(null, "Some Blog", "us", ProvisionalRules.EditorialDefault)]
    [InlineData("www.notcgtn.com", "Not CGTN", "us", ProvisionalRules.EditorialDefault)]
    public void Each_rule_gives_its_side(string? host, string name, string side, string rule)
    {
        Assert.Equal((side, rule), (Rules.Decide(host, name).Side.ToCode(), Rules.Decide(host, name).Rule));
    }

    [Fact]
    public void A_configured_prc_state_domain_covers_its_subdomains()
    {
        var configured = new ProvisionalSides(Options.Create(new ProvisionalSideOptions { PrcStateDomains = ["statebroadcaster.example"] }));

        Assert.Equal((Side.China, ProvisionalRules.PrcStateDomain), configured.Decide("world.statebroadcaster.example", "World Service"));
        Assert.Equal((Side.Us, ProvisionalRules.EditorialDefault), configured.Decide("newsus.cgtn.com", "CGTN America"));
    }
}
