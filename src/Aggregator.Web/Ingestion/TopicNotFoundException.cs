namespace Aggregator.Ingestion;

/// <summary>A verb or job named a topic slug that no topic has.</summary>
public sealed class TopicNotFoundException(string slug) : Exception($"no topic '{slug}'")
{
    public string Slug { get; } = slug;
}
