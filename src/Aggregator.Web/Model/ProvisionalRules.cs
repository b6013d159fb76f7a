namespace Aggregator.Model;

/// <summary>The rules that give an outlet missing from the registry a provisional side, by the editorial default.</summary>
public static class ProvisionalRules
{
    /// <summary>A domain of mainland China, Hong Kong or Macau (.cn, .com.cn, .hk, .mo): china.</summary>
    public const string PrcDomain = "prc-domain";
    /// <summary>A domain on the configured list of PRC-state outlets with other domains (cgtn.com, …): china.</summary>
    public const string PrcStateDomain = "prc-state-domain";
    /// <summary>A name written in Chinese script: china.</summary>
    public const string ChineseName = "chinese-name";
    /// <summary>Anything else: us, the editorial default for outlets outside China's sphere.</summary>
    public const string EditorialDefault = "editorial-default";

    /// <summary>What a rule means, for admins and readers.</summary>
    public static string Describe(string? rule) => rule switch
    {
        PrcDomain => "a mainland China, Hong Kong or Macau domain",
        PrcStateDomain => "a PRC-state outlet's domain",
        ChineseName => "a name in Chinese script",
        EditorialDefault => "the editorial default for outlets outside China's sphere",
        _ => "no rule",
    };
}
