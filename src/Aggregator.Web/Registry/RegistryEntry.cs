using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Registry;

/// <summary>One outlet as the registry file (and the admin import/export) spells it.</summary>
public sealed record RegistryEntry(
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Domains,
    string? Country,
    string Alignment,
    string? Rationale);

public sealed record RegistryDocument(int Version, string? EditorialDefault, IReadOnlyList<RegistryEntry> Outlets);

public static class RegistryJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The registry shipped with the app (Registry/default-registry.json, embedded).</summary>
    public static RegistryDocument LoadDefault()
    {
        using var stream = typeof(RegistryJson).Assembly.GetManifestResourceStream("Aggregator.Registry.default-registry.json")
            ?? throw new InvalidOperationException("default-registry.json is not embedded.");
        return JsonSerializer.Deserialize<RegistryDocument>(stream, Options) ?? throw new InvalidOperationException("default-registry.json is empty.");
    }
}
