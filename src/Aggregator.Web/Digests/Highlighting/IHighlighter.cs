namespace Aggregator.Digests.Highlighting;

/// <summary>Writes a digest's highlights. The seam between the offline extractive writer and an LLM.</summary>
public interface IHighlighter
{
    Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken);
}
