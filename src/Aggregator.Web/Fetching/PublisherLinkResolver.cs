using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

/// <summary>
/// The publisher's URL for a Google News article, or why there is none (the Google link then stays). Not
/// <see cref="Asked"/>: nothing was asked (offline replay), so a later run may still ask.
/// </summary>
public sealed record PublisherLink(string? Url, string? Failure, bool Asked = true)
{
    public static PublisherLink Found(string url) => new(url, null);
    public static PublisherLink Failed(string failure) => new(null, failure);
    public static PublisherLink NotAsked(string reason) => new(null, reason, Asked: false);
}

/// <summary>
/// Finds the publisher's URL behind a Google News article id: from the id itself when it carries it, otherwise the way
/// current open-source decoders do (docs/publisher-links.md): the article page's signature and timestamp, then Google's
/// <c>batchexecute</c> call. Requests go through the feeds' HTTP client (the address guard on every connection, the
/// honest user agent), wait their turn per host like feed fetches, and are not made at all in offline replay.
/// </summary>
public sealed partial class PublisherLinkResolver(IHttpClientFactory clients, IOptions<FetchOptions> options, HostThrottle throttle)
{
    private const int MaxPageBytes = 2 * 1024 * 1024;

    public async Task<PublisherLink> ResolveAsync(string articleId, CancellationToken cancellationToken)
    {
        if (GoogleNewsLinks.DecodeOffline(articleId) is { } decoded) return PublisherLink.Found(decoded);
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.ReplayDirectory)) return PublisherLink.NotAsked("offline: replaying saved feeds");
        var google = new Uri(settings.GoogleNewsBaseUrl.TrimEnd('/') + "/");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(HttpFeedTransport.ClientName);
        try
        {
            await throttle.WaitTurnAsync(google.Host, settings.PerHostPause, timeout.Token);
            using var page = await client.GetAsync(new Uri(google, $"rss/articles/{Uri.EscapeDataString(articleId)}"), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (page.StatusCode != HttpStatusCode.OK) return PublisherLink.Failed($"article page: HTTP {(int)page.StatusCode}");
            var html = await ReadCappedAsync(page.Content, timeout.Token);
            if (html is null) return PublisherLink.Failed("article page: over the size limit");
            var (signature, timestamp) = (Signature().Match(html), Timestamp().Match(html));
            if (!signature.Success || !timestamp.Success) return PublisherLink.Failed("article page: no signature and timestamp");

            await throttle.WaitTurnAsync(google.Host, settings.PerHostPause, timeout.Token);
            using var lookup = await client.PostAsync(new Uri(google, "_/DotsSplashUi/data/batchexecute"),
                new FormUrlEncodedContent([new("f.req", Request(articleId, timestamp.Groups[1].Value, signature.Groups[1].Value))]), timeout.Token);
            if (lookup.StatusCode != HttpStatusCode.OK) return PublisherLink.Failed($"batchexecute: HTTP {(int)lookup.StatusCode}");
            var answer = await ReadCappedAsync(lookup.Content, timeout.Token);
            return answer is not null && UrlIn(answer) is { } url ? PublisherLink.Found(url) : PublisherLink.Failed("batchexecute: no http(s) URL in the answer");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PublisherLink.Failed($"no answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return PublisherLink.Failed(HttpBodies.BlockedAddress(e) is { } blocked ? blocked.Message : $"connection failed: {e.Message}");
        }
    }

    /// <summary>The <c>f.req</c> form value: the "Fbv4je" RPC with a "garturlreq" for the id, its timestamp and signature.</summary>
    private static string Request(string articleId, string timestamp, string signature)
    {
        var inner = "[\"garturlreq\",[[\"X\",\"X\",[\"X\",\"X\"],null,null,1,1,\"US:en\",null,1,null,null,null,null,null,0,1],\"X\",\"X\",1,[1,1,1],1,1,null,0,0,null,0]," +
            $"{JsonSerializer.Serialize(articleId)},{long.Parse(timestamp)},{JsonSerializer.Serialize(signature)}]";
        return JsonSerializer.Serialize(new object?[] { new object?[] { new object?[] { "Fbv4je", inner, null, "generic" } } });
    }

    /// <summary>
    /// The URL in the answer: after the <c>)]}'</c> guard line, a JSON array whose <c>["wrb.fr","Fbv4je","…"]</c> entry
    /// holds, as a string, the JSON array <c>["garturlres","&lt;url&gt;",…]</c>. Only an http(s) URL is taken.
    /// </summary>
    private static string? UrlIn(string answer)
    {
        foreach (var line in answer.Split('\n'))
        {
            if (!line.TrimStart().StartsWith("[[", StringComparison.Ordinal)) continue;
            try
            {
                using var outer = JsonDocument.Parse(line);
                foreach (var entry in outer.RootElement.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Array || entry.GetArrayLength() < 3 || entry[1].ValueKind != JsonValueKind.String
                        || entry[1].GetString() != "Fbv4je" || entry[2].ValueKind != JsonValueKind.String) continue;
                    using var inner = JsonDocument.Parse(entry[2].GetString()!);
                    var result = inner.RootElement;
                    if (result.ValueKind == JsonValueKind.Array && result.GetArrayLength() >= 2 && result[0].ValueKind == JsonValueKind.String
                        && result[0].GetString() == "garturlres" && result[1].ValueKind == JsonValueKind.String
                        && Uri.TryCreate(result[1].GetString(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                        return url.AbsoluteUri;
                }
            }
            catch (JsonException)
            {
            }
        }
        return null;
    }


    private static async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken) =>
        await HttpBodies.ReadCappedAsync(content, MaxPageBytes, cancellationToken) is { } body ? System.Text.Encoding.UTF8.GetString(body) : null;

    [GeneratedRegex("data-n-a-sg=\"([^\"]{1,500})\"")]
    private static partial Regex Signature();

    [GeneratedRegex("data-n-a-ts=\"(\\d{1,15})\"")]
    private static partial Regex Timestamp();
}
