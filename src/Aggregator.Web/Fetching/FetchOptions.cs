namespace Aggregator.Fetching;

public sealed class FetchOptions
{
    public const string Section = "Fetching";

    public string UserAgent { get; set; } = "Aggregator/1.0 (self-hosted news reader; +https://github.com/aggregator)";
    /// <summary>Whole request, body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The largest feed read, fetched or imported from a file; larger ones fail as too large.</summary>
    public int MaxBodyBytes { get; set; } = Parsing.FeedParser.DefaultMaxBytes;
    /// <summary>Retries after the first attempt, on 429, 5xx and connection failures.</summary>
    public int MaxRetries { get; set; } = 2;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>A Retry-After longer than this is not waited for in-process: the feed's next check is pushed out instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Minimum gap between two requests to one host (Google rate-limits bursts).</summary>
    public TimeSpan PerHostPause { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Longest a failing feed's next check is pushed out.</summary>
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromHours(6);
    public string GoogleNewsBaseUrl { get; set; } = "https://news.google.com";
    /// <summary>
    /// Non-public addresses feeds may still be fetched from (e.g. "127.0.0.1" for a feed server on this machine).
    /// Empty by default: loopback, private, link-local and reserved addresses are refused.
    /// </summary>
    public string[] AllowedAddresses { get; set; } = [];
    /// <summary>
    /// An HTTP proxy for feed fetching, set only on purpose. Environment proxies (HTTP_PROXY, HTTPS_PROXY) are ignored:
    /// through a proxy, the address guard sees only the proxy's address, and the proxy would reach whatever host a feed
    /// names (cloud metadata, the private network). An operator who sets this accepts that, and should make the proxy
    /// itself refuse non-public destinations.
    /// </summary>
    public string? Proxy { get; set; }
    /// <summary>When set, feeds are read from saved files in this directory instead of the network (offline replay).</summary>
    public string? ReplayDirectory { get; set; }
}
