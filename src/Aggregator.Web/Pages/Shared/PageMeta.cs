namespace Aggregator.Pages.Shared;

/// <summary>What a reader page tells search engines and link previews: its description and Open Graph card.</summary>
public sealed record PageMeta(string Title, string Description, string Path, string Type = "article");
