using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

/// <summary>
/// Offline replay's pages: saved copies listed in <see cref="ArticleTextOptions.ReplayDirectory"/>'s <c>index.tsv</c>
/// ("URL, tab, file name" per line; <c>.html</c> or <c>.html.gz</c>). A URL not listed is not asked for at all.
/// </summary>
public sealed class ReplayArticlePageSource(IOptions<ArticleTextOptions> options) : IArticlePageSource
{
    private Dictionary<string, string>? _index;

    public async Task<PageResponse> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var directory = options.Value.ReplayDirectory;
        if (string.IsNullOrWhiteSpace(directory)) return PageResponse.NotAsked("offline: no saved pages");
        var index = _index ??= await ReadIndexAsync(directory, cancellationToken);
        if (!index.TryGetValue(request.Url.AbsoluteUri, out var file)) return PageResponse.NotAsked("offline: no saved copy of this page");
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) return PageResponse.Failed(Model.ArticleTextStatuses.HttpError, $"the saved copy {file} is missing");
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var unzipped = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress))
                await gzip.CopyToAsync(unzipped, cancellationToken);
            bytes = unzipped.ToArray();
        }
        return PageResponse.Fetched(200, PageCharset.Decode(bytes, null), request.Url, null, null);
    }

    private static async Task<Dictionary<string, string>> ReadIndexAsync(string directory, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(directory, "index.tsv");
        if (!File.Exists(path)) return index;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            var parts = line.Split('\t');
            // A file name only: a listed path cannot leave the directory.
            if (parts.Length == 2 && Uri.TryCreate(parts[0].Trim(), UriKind.Absolute, out var url) && Path.GetFileName(parts[1].Trim()) == parts[1].Trim())
                index[url.AbsoluteUri] = parts[1].Trim();
        }
        return index;
    }
}
