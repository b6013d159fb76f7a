using Microsoft.Extensions.Options;

namespace Aggregator.Digests.Highlighting;

/// <summary>
/// The highlighter digests use: the LLM when configured, and on any failure, timeout or invalid answer the
/// extractive highlights, with the reason recorded on the digest.
/// </summary>
public sealed class ConfiguredHighlighter(IOptions<HighlightOptions> options, LlmHighlighter llm, ExtractiveHighlighter extractive, ILogger<ConfiguredHighlighter> logger) : IHighlighter
{
    public async Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.UsesLlm) return await extractive.HighlightAsync(request, cancellationToken);
        try
        {
            return await llm.HighlightAsync(request, cancellationToken);
        }
        catch (LlmHighlightException e)
        {
            // The detail (an address, a quote of the answer) goes to the log for admins; the digest publishes the kind only.
            logger.LogWarning("LLM highlights for {Topic} not used, falling back to extractive: {Reason}", request.TopicName, e.Message);
            return (await extractive.HighlightAsync(request, cancellationToken)) with { Note = $"LLM not used: {e.PublicReason}" };
        }
    }
}
