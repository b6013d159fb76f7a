using System.Collections.Concurrent;
using System.Net;
using Aggregator.Model;
using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

/// <summary>
/// Fetches publishers' pages politely: the site's robots.txt first (read once per <see cref="ArticleTextOptions.RobotsLifetime"/>
/// per site, for the product token of the honest user agent), each request after the per-host pause feed fetches
/// share, conditional GET, a whole-request timeout, a size cap, HTML only, and redirects followed by hand (each hop's
/// site asked its robots.txt again). Every connection goes through the address guard (the feeds' HTTP client).
/// </summary>
public sealed class HttpArticlePageSource(
    IHttpClientFactory clients,
    IOptions<ArticleTextOptions> options,
    IOptions<FetchOptions> fetching,
    HostThrottle throttle,
    TimeProvider clock) : IArticlePageSource
{
    private const int MaxRedirects = 5;
    private const int MaxRobotsBytes = 512 * 1024;
    private readonly ConcurrentDictionary<string, (RobotsTxt Rules, DateTimeOffset Until)> _robots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The name robots.txt groups are matched against: the user agent's first word, before its version.</summary>
    public string ProductToken => fetching.Value.UserAgent.Split('/', ' ')[0];

    public async Task<PageResponse> FetchAsync(PageRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(HttpFeedTransport.ClientName);
        var url = request.Url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (url.Scheme is not ("http" or "https")) return PageResponse.Failed(ArticleTextStatuses.HttpError, $"not an http(s) URL: {url.Scheme}");
                var robots = await RobotsOfAsync(client, url, timeout.Token);
                if (!robots.Allows(url.PathAndQuery))
                    return PageResponse.Failed(ArticleTextStatuses.Robots, $"{url.Host}'s robots.txt does not allow {ProductToken} to read {url.AbsolutePath}");

                await throttle.WaitTurnAsync(url.Host, fetching.Value.PerHostPause, timeout.Token);
                using var message = new HttpRequestMessage(HttpMethod.Get, url);
                message.Headers.TryAddWithoutValidation("Accept", "text/html, application/xhtml+xml;q=0.9");
                if (redirects == 0 && request.ETag is not null) message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
                if (redirects == 0 && request.LastModified is not null) message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;

                if (status is >= 300 and < 400 && status != 304)
                {
                    if (response.Headers.Location is not { } location) return PageResponse.Failed(ArticleTextStatuses.HttpError, $"HTTP {status} redirect without a Location", status);
                    if (redirects >= MaxRedirects) return PageResponse.Failed(ArticleTextStatuses.HttpError, $"more than {MaxRedirects} redirects", status);
                    url = new Uri(url, location);
                    continue;
                }
                if (status == 304) return PageResponse.Unchanged(status);
                if (status == 402) return PageResponse.Failed(ArticleTextStatuses.Paywall, "HTTP 402 Payment Required", status);
                if (status is 401 or 403 or 451) return PageResponse.Failed(ArticleTextStatuses.Forbidden, $"HTTP {status} {response.ReasonPhrase}: the site refuses the page", status);
                if (!response.IsSuccessStatusCode) return PageResponse.Failed(ArticleTextStatuses.HttpError, $"HTTP {status} {response.ReasonPhrase}", status);

                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (mediaType is not null && mediaType is not ("text/html" or "application/xhtml+xml"))
                    return PageResponse.Failed(ArticleTextStatuses.NotHtml, $"the page is {mediaType}, not HTML", status);
                var body = await HttpBodies.ReadCappedAsync(response.Content, settings.MaxPageBytes, timeout.Token);
                if (body is null) return PageResponse.Failed(ArticleTextStatuses.TooLarge, $"the page is over the {settings.MaxPageBytes:N0}-byte limit", status);
                var html = PageCharset.Decode(body, response.Content.Headers.ContentType?.CharSet);
                return PageResponse.Fetched(status, html, url, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PageResponse.Failed(ArticleTextStatuses.Timeout, $"no complete answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (HttpBodies.BlockedAddress(e) is { } blocked)
        {
            return PageResponse.Failed(ArticleTextStatuses.BlockedAddress, blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return PageResponse.Failed(ArticleTextStatuses.ConnectionFailed, $"connection failed: {e.Message}");
        }
    }

    /// <summary>The site's rules, read once per lifetime: a missing file allows all; a site that cannot answer refuses all for now.</summary>
    private async Task<RobotsTxt> RobotsOfAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        var site = url.GetLeftPart(UriPartial.Authority);
        var now = clock.GetUtcNow();
        if (_robots.TryGetValue(site, out var cached) && cached.Until > now) return cached.Rules;
        RobotsTxt rules;
        await throttle.WaitTurnAsync(url.Host, fetching.Value.PerHostPause, cancellationToken);
        try
        {
            using var response = await client.GetAsync(new Uri(site + "/robots.txt"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var body = await HttpBodies.ReadCappedAsync(response.Content, MaxRobotsBytes, cancellationToken);
                rules = body is null ? RobotsTxt.AllowAll : RobotsTxt.Parse(System.Text.Encoding.UTF8.GetString(body), ProductToken);
            }
            // A redirect is not followed here: RFC 9309 allows five, but a site that moves its robots.txt elsewhere is rare.
            else rules = status is >= 400 and < 500 ? RobotsTxt.AllowAll : RobotsTxt.DisallowAll;
        }
        catch (HttpRequestException e) when (HttpBodies.BlockedAddress(e) is not null)
        {
            throw;
        }
        catch (HttpRequestException)
        {
            rules = RobotsTxt.DisallowAll;
        }
        _robots[site] = (rules, now + options.Value.RobotsLifetime);
        return rules;
    }


}
