using System.Text.RegularExpressions;
using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.Extensions.Options;

namespace Aggregator.Classification;

/// <summary>Which domains count as PRC-state outlets for provisional sides ("Registry:PrcStateDomains").</summary>
public sealed class ProvisionalSideOptions
{
    public const string Section = "Registry";

    /// <summary>PRC-state outlets whose domains are not .cn/.hk/.mo; a listed domain covers its subdomains.</summary>
    public string[] PrcStateDomains { get; set; } =
    [
        "cgtn.com", "xinhuanet.com", "chinanews.com", "cctv.com", "cctvplus.com", "chinadailyhk.com", "chinadailyasia.com",
        "beijingreview.com", "chinaservicemobile.com", "womenofchina.com", "ecns.cn",
    ];
}

/// <summary>
/// Gives an outlet the registry lacks a provisional side by rule, following the registry's editorial default:
/// PRC/HK/Macau domains, listed PRC-state domains and names in Chinese script are china; anything else is us.
/// Google News surfaces far more outlets than any registry lists; this keeps their articles in the digests while
/// an admin reviews them.
/// </summary>
public sealed partial class ProvisionalSides(IOptions<ProvisionalSideOptions> options)
{
    private static readonly string[] PrcTopLevelDomains = [".cn", ".hk", ".mo"];

    public DiscoveredOutlet Describe(OutletClue clue)
    {
        var (side, rule) = Decide(clue.Host, clue.DisplayName);
        return new DiscoveredOutlet(clue.DisplayName, OutletKeys.NormalizeName(clue.DisplayName), clue.Host, side, rule);
    }

    public (Side Side, string Rule) Decide(string? host, string name)
    {
        if (host is not null && PrcTopLevelDomains.Any(tld => host.EndsWith(tld, StringComparison.Ordinal)))
            return (Side.China, ProvisionalRules.PrcDomain);
        if (host is not null && OutletKeys.HostAndParents(host).Any(h => options.Value.PrcStateDomains.Contains(h, StringComparer.OrdinalIgnoreCase)))
            return (Side.China, ProvisionalRules.PrcStateDomain);
        if (ChineseScript().IsMatch(name))
            return (Side.China, ProvisionalRules.ChineseName);
        return (Side.Us, ProvisionalRules.EditorialDefault);
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\u3400-\u4DBF]")]
    private static partial Regex ChineseScript();
}
