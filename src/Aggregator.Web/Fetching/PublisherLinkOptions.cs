namespace Aggregator.Fetching;

/// <summary>Settings of the publisher-link stage (section "PublisherLinks").</summary>
public sealed class PublisherLinkOptions
{
    public const string Section = "PublisherLinks";

    /// <summary>Off: reader pages keep Google's links.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Look-ups per run at most: with the per-host pause, a bound on what one run asks of Google.</summary>
    public int PerRun { get; set; } = 40;
    /// <summary>Only articles this recent are looked up: the days readers' digests are built from.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);
}
