using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aggregator.Registry;

/// <summary>How registry files are read and written, and the default registry shipped with the app.</summary>
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
