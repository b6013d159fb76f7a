using System.Globalization;
using System.Text;

namespace Aggregator.Ingestion;

/// <summary>The identity keys of an article: a normalized link and a normalized title.</summary>
public static class ArticleKeys
{
    private static readonly HashSet<string> NoiseParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "oc", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "cmpid", "ref",
    };

    /// <summary>Scheme and host lower-cased, default port, fragment and tracking parameters dropped, no trailing slash.</summary>
    public static string NormalizeLink(string link)
    {
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri)) return link.Trim();
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !NoiseParameters.Contains(pair.Split('=')[0]));
        var path = uri.AbsolutePath.Length > 1 ? uri.AbsolutePath.TrimEnd('/') : uri.AbsolutePath;
        var builder = new StringBuilder()
            .Append(uri.Scheme.ToLowerInvariant()).Append("://").Append(uri.IdnHost.ToLowerInvariant());
        if (!uri.IsDefaultPort) builder.Append(':').Append(uri.Port);
        builder.Append(path);
        var remaining = string.Join('&', query);
        if (remaining.Length > 0) builder.Append('?').Append(remaining);
        return builder.ToString();
    }

    /// <summary>Lower-case letters and digits separated by single spaces: punctuation and quote styles do not matter.</summary>
    public static string NormalizeTitle(string headline)
    {
        var builder = new StringBuilder(headline.Length);
        var pendingSpace = false;
        foreach (var c in headline.Normalize(NormalizationForm.FormKC))
        {
            var category = char.GetUnicodeCategory(c);
            var keep = char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark;
            if (!keep)
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
