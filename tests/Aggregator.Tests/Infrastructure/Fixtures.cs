namespace Aggregator.Tests.Infrastructure;

/// <summary>Test input files under Fixtures/, copied beside the test assembly.</summary>
public static class Fixtures
{
    public const string GoogleNewsUsChina = "google-news-us-china-2026-01-12.xml";

    public static string FeedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "feeds", name);

    public static byte[] Feed(string name) => File.ReadAllBytes(FeedPath(name));
}
