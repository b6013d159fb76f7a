using Aggregator.Model;

namespace Aggregator.Storage;

/// <summary>An article ready to store: parsed, attributed to an outlet, keys computed.</summary>
public sealed record ArticleCandidate(
    string? Guid,
    string Link,
    string NormalizedLink,
    string Headline,
    string NormalizedTitle,
    int OutletId,
    Side Side,
    string SourceName,
    string? SourceUrl,
    string Locale,
    DateTimeOffset PublishedAt,
    bool IsOutletPage = false,
    string Language = "en");
