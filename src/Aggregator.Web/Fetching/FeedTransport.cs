namespace Aggregator.Fetching;

/// <summary>One fetch of one feed; <see cref="ReplayName"/> is "topic-slug/feed-slug", its file name in offline replay.</summary>
public sealed record FetchRequest(Uri Url, string? ETag, string? LastModified, string ReplayName);

public enum FetchResponseKind
{
    Fetched,
    NotModified,
    Failed,
}

/// <summary>What came back: a body, "not modified", or a named failure ("rate-limited", "consent-redirect", "timeout", …).</summary>
public sealed record FetchResponse(
    FetchResponseKind Kind,
    int? HttpStatus,
    byte[]? Body = null,
    string? ETag = null,
    string? LastModified = null,
    string? ErrorKind = null,
    string? Error = null,
    TimeSpan? RetryAfter = null,
    bool Retryable = false)
{
    public static FetchResponse Fetched(int status, byte[] body, string? etag, string? lastModified) =>
        new(FetchResponseKind.Fetched, status, body, etag, lastModified);

    public static FetchResponse NotModified(int? status) => new(FetchResponseKind.NotModified, status);

    public static FetchResponse Failed(string kind, string message, int? status = null, TimeSpan? retryAfter = null, bool retryable = false) =>
        new(FetchResponseKind.Failed, status, ErrorKind: kind, Error: message, RetryAfter: retryAfter, Retryable: retryable);
}

/// <summary>How feed bytes are obtained: over HTTP, or from saved files (offline replay). The seam tests and replay use.</summary>
public interface IFeedTransport
{
    Task<FetchResponse> FetchAsync(FetchRequest request, CancellationToken cancellationToken);
}
