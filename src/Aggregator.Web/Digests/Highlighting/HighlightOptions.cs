namespace Aggregator.Digests.Highlighting;

public sealed class HighlightOptions
{
    public const string Section = "Highlights";

    /// <summary>"extractive" (default, offline) or "llm".</summary>
    public string Mode { get; set; } = ExtractiveHighlighter.Name;
    public LlmOptions Llm { get; set; } = new();

    public bool UsesLlm => string.Equals(Mode, LlmHighlighter.Name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Any OpenAI-compatible chat-completions server: OpenAI, Ollama, vLLM, llama.cpp's server.</summary>
public sealed class LlmOptions
{
    /// <summary>Base URL up to and including /v1, e.g. http://localhost:11434/v1 (Ollama).</summary>
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    /// <summary>Sent as a Bearer token when set. From the environment only (Highlights__Llm__ApiKey).</summary>
    public string? ApiKey { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    public int MaxBulletLength { get; set; } = 300;
}
