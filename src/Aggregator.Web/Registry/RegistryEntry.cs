using System.Text.Json.Serialization;

namespace Aggregator.Registry;

/// <summary>One outlet as the registry file (and the admin import/export) spells it; the file calls its side "alignment".</summary>
public sealed record RegistryEntry(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Domains,
    string? Country,
    [property: JsonPropertyName("alignment")] string Side,
    string? Rationale);

/// <summary>The whole registry file: its version, the editorial rule it follows, and its outlets.</summary>
public sealed record RegistryDocument(int Version, string? EditorialDefault, IReadOnlyList<RegistryEntry> Outlets);
