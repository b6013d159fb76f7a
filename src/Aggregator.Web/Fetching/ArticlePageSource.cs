namespace Aggregator.Fetching;

/// <summary>A publisher's page to fetch, with the validators of the last fetch (conditional GET).</summary>
public sealed record PageRequest(Uri Url, string? ETag = null, string? LastModified = null);

/// <summary>
/// What fetching a page came to: its HTML (decoded), "not modified", a named failure (<c>Model.ArticleTextStatuses</c>),
/// or nothing asked (offline, no saved copy), in which case the page waits for a later run.
/// </summary>
public sealed record PageResponse(string Status, int? HttpStatus = null, string? Html = null, Uri? FinalUrl = null,
    string? ETag = null, string? LastModified = null, string? Failure = null, bool Asked = true, bool NotModified = false)
{
    public static PageResponse Fetched(int status, string html, Uri finalUrl, string? etag, string? lastModified) =>
        new(Model.ArticleTextStatuses.Fetched, status, html, finalUrl, etag, lastModified);

    public static PageResponse Unchanged(int status) => new(Model.ArticleTextStatuses.Fetched, status, NotModified: true);

    public static PageResponse Failed(string status, string failure, int? httpStatus = null) => new(status, httpStatus, Failure: failure);

    public static PageResponse NotAsked(string reason) => new("not-asked", Failure: reason, Asked: false);
}

/// <summary>How publishers' pages are obtained: over HTTP, or from saved copies in offline replay. The seam tests and replay use.</summary>
public interface IArticlePageSource
{
    Task<PageResponse> FetchAsync(PageRequest request, CancellationToken cancellationToken);
}
