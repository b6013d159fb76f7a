namespace Aggregator.Digests;

/// <summary>
/// Only absolute http/https links are ever rendered as links, and always as the normalized absolute URI: control
/// characters and spaces escaped, so a stored link cannot break a line of a Markdown export or an attribute.
/// </summary>
public static class SafeLink
{
    public static string? Of(string? link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
