using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Aggregator.Fetching;

/// <summary>
/// Fetches feeds over HTTP: conditional GET, a whole-request timeout, a body-size cap, redirects followed by hand so
/// Google's consent and /rss/unsupported redirects are recognised, a per-host pause, and retries with exponential
/// backoff and jitter on 429/5xx/connection failures that honour Retry-After.
/// </summary>
public sealed class HttpFeedTransport(
    IHttpClientFactory clients,
    IOptions<FetchOptions> options,
    HostThrottle throttle,
    TimeProvider clock,
    ILogger<HttpFeedTransport> logger) : IFeedTransport
{
    public const string ClientName = "feeds";
    private const int MaxRedirects = 5;

    private readonly ResiliencePipeline<FetchResponse> _retry = BuildRetryPipeline(options.Value, clock, logger);

    public async Task<FetchResponse> FetchAsync(FetchRequest request, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(
            async token => await FetchOnceAsync(request, token),
            cancellationToken);

    private static ResiliencePipeline<FetchResponse> BuildRetryPipeline(FetchOptions settings, TimeProvider clock, ILogger logger) =>
        new ResiliencePipelineBuilder<FetchResponse> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<FetchResponse>
            {
                MaxRetryAttempts = Math.Max(settings.MaxRetries, 1),
                ShouldHandle = args => ValueTask.FromResult(
                    settings.MaxRetries > 0 &&
                    args.Outcome.Result is { Retryable: true } response &&
                    (response.RetryAfter is null || response.RetryAfter <= settings.MaxRetryAfter)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    logger.LogWarning("Retrying feed fetch after {ErrorKind} (HTTP {HttpStatus}), attempt {Attempt}, in {Delay}",
                        args.Outcome.Result?.ErrorKind, args.Outcome.Result?.HttpStatus, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private async Task<FetchResponse> FetchOnceAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(ClientName);
        var url = request.Url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                await throttle.WaitTurnAsync(url.Host, settings.PerHostPause, timeout.Token);
                using var message = new HttpRequestMessage(HttpMethod.Get, url);
                if (request.ETag is not null) message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
                if (request.LastModified is not null) message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;

                if (status is >= 300 and < 400 && status != 304)
                {
                    var location = response.Headers.Location is { } l ? new Uri(url, l) : null;
                    if (location is null) return FetchResponse.Failed("http-error", $"HTTP {status} redirect without a Location", status);
                    if (IsConsentPage(location))
                        return FetchResponse.Failed("consent-redirect", $"redirected to a consent page ({location.Host}); the feed needs a consent-free edition or region", status);
                    if (location.AbsolutePath.EndsWith("/rss/unsupported", StringComparison.OrdinalIgnoreCase))
                        return FetchResponse.Failed("unsupported-redirect", "redirected to /rss/unsupported: this feed URL or edition is not served as RSS", status);
                    if (redirects >= MaxRedirects) return FetchResponse.Failed("too-many-redirects", $"more than {MaxRedirects} redirects", status);
                    if (location.Scheme is not ("http" or "https") || (url.Scheme == "https" && location.Scheme == "http"))
                        return FetchResponse.Failed("insecure-redirect", $"redirected from {url.Scheme} to {location.Scheme}: {location.Host}", status);
                    url = location;
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotModified) return FetchResponse.NotModified(status);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    return FetchResponse.Failed("rate-limited", "HTTP 429 Too Many Requests", status, RetryAfter(response.Headers.RetryAfter), retryable: true);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                    return FetchResponse.Failed("forbidden", "HTTP 403 Forbidden (Google answers this when it rate-limits)", status);
                if (status >= 500)
                    return FetchResponse.Failed("server-error", $"HTTP {status} {response.ReasonPhrase}", status, RetryAfter(response.Headers.RetryAfter), retryable: true);
                if (!response.IsSuccessStatusCode)
                    return FetchResponse.Failed("http-error", $"HTTP {status} {response.ReasonPhrase}", status);

                if (response.Content.Headers.ContentLength > settings.MaxBodyBytes)
                    return FetchResponse.Failed("too-large", $"body of {response.Content.Headers.ContentLength:N0} bytes is over the {settings.MaxBodyBytes:N0}-byte limit", status);
                var body = await HttpBodies.ReadCappedAsync(response.Content, settings.MaxBodyBytes, timeout.Token);
                if (body is null)
                    return FetchResponse.Failed("too-large", $"body is over the {settings.MaxBodyBytes:N0}-byte limit", status);
                return FetchResponse.Fetched(status, body, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FetchResponse.Failed("timeout", $"no complete answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e) when (HttpBodies.BlockedAddress(e) is { } blocked)
        {
            return FetchResponse.Failed("blocked-address", blocked.Message);
        }
        catch (HttpRequestException e)
        {
            return FetchResponse.Failed("connection-failed", e.Message, retryable: true);
        }
    }


    private static bool IsConsentPage(Uri location) =>
        location.Host.StartsWith("consent.", StringComparison.OrdinalIgnoreCase) ||
        location.AbsolutePath.Contains("/consent", StringComparison.OrdinalIgnoreCase);

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        return null;
    }

}
