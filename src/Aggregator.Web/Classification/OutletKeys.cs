using System.Text;

namespace Aggregator.Classification;

/// <summary>The keys outlets are looked up by: folded names and bare hosts.</summary>
public static class OutletKeys
{
    /// <summary>"  The  New York Times " → "the new york times"; NFKC so full-width and compatibility forms match.</summary>
    public static string NormalizeName(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        return string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The host of a URL or bare host name, lower-case, without "www." — or null when there is none.</summary>
    public static string? NormalizeHost(string? urlOrHost)
    {
        if (string.IsNullOrWhiteSpace(urlOrHost)) return null;
        var text = urlOrHost.Trim();
        var host = Uri.TryCreate(text.Contains("://") ? text : "http://" + text, UriKind.Absolute, out var uri) ? uri.IdnHost : null;
        if (string.IsNullOrEmpty(host) || !host.Contains('.')) return null;
        host = host.ToLowerInvariant().TrimEnd('.');
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>The host, then each parent domain down to two labels: news.cgtn.com → news.cgtn.com, cgtn.com.</summary>
    public static IEnumerable<string> HostAndParents(string host)
    {
        var current = host;
        while (true)
        {
            yield return current;
            var dot = current.IndexOf('.');
            if (dot < 0 || current.IndexOf('.', dot + 1) < 0) yield break;
            current = current[(dot + 1)..];
        }
    }
}
