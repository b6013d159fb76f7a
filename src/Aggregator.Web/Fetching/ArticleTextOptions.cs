namespace Aggregator.Fetching;

/// <summary>Settings of the article-text stage (section "ArticleTexts"); topics turn it on one by one.</summary>
public sealed class ArticleTextOptions
{
    public const string Section = "ArticleTexts";

    /// <summary>Pages fetched per run at most: with the per-host pause, a bound on what one run asks of publishers.</summary>
    public int PerRun { get; set; } = 30;
    /// <summary>Only articles this recent are fetched: the days readers' digests are built from.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);
    /// <summary>Pages fetched at once (each host still waits its per-host pause).</summary>
    public int Concurrency { get; set; } = 4;
    /// <summary>Whole request, body included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
    /// <summary>The largest page read; a larger one fails as too large.</summary>
    public int MaxPageBytes { get; set; } = 3 * 1024 * 1024;
    /// <summary>Attempts at a page whose site failed to answer (timeouts, connection failures, HTTP errors).</summary>
    public int MaxAttempts { get; set; } = 3;
    /// <summary>How long a site's robots.txt is trusted before it is read again.</summary>
    public TimeSpan RobotsLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>
    /// In offline replay, saved pages are read from here: an <c>index.tsv</c> of "URL, tab, file name" lines beside the
    /// files. Unset, or a URL it does not list: nothing is fetched and the article waits for a run that is online.
    /// </summary>
    public string? ReplayDirectory { get; set; }
}
