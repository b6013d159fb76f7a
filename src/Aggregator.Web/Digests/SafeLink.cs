namespace Aggregator.Digests;

/// <summary>Only absolute http/https links are ever rendered as links.</summary>
public static class SafeLink
{
    public static string? Of(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link : null;
}
