namespace Aggregator.Tests.Infrastructure;

/// <summary>Test input files under Fixtures/, copied beside the test assembly.</summary>
public static class Fixtures
{
    public const string GoogleNewsUsChina = "google-news-us-china-2026-01-12.xml";

    public static string FeedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "feeds", name);

    /// <summary>2026-01-13: 12 stories a side, 5 covered by both, half the US-side outlets unknown to the registry.</summary>
    public const string GoogleNewsLongTail = "google-news-us-china-long-tail-2026-01-13.xml";

    public static byte[] Feed(string name) => File.ReadAllBytes(FeedPath(name));
}
