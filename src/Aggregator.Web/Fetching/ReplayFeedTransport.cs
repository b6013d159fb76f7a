using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

/// <summary>
/// Offline replay: reads "&lt;ReplayDirectory&gt;/&lt;topic&gt;/&lt;feed&gt;.xml" instead of the network, falling back to
/// "&lt;topic&gt;/default.xml" for feeds without a file of their own. The file's size and time act as its ETag, so an
/// unchanged file answers "not modified" like a real server.
/// </summary>
public sealed class ReplayFeedTransport(IOptions<FetchOptions> options) : IFeedTransport
{
    public const string DefaultFileName = "default.xml";

    public async Task<FetchResponse> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var directory = options.Value.ReplayDirectory ?? throw new InvalidOperationException("Fetching:ReplayDirectory is not set.");
        var topicDirectory = Path.Combine(directory, Path.GetDirectoryName(request.ReplayName) ?? "");
        var file = new[] { Path.Combine(directory, request.ReplayName + ".xml"), Path.Combine(topicDirectory, DefaultFileName) }
            .Select(path => new FileInfo(path))
            .FirstOrDefault(info => info.Exists);
        if (file is null)
            return FetchResponse.Failed("replay-missing", $"offline replay has no file {request.ReplayName}.xml or {DefaultFileName} under {directory}");
        if (file.Length > options.Value.MaxBodyBytes)
            return FetchResponse.Failed("too-large", $"{file.FullName} is over the {options.Value.MaxBodyBytes:N0}-byte limit");

        var etag = $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"";
        if (request.ETag == etag) return FetchResponse.NotModified(304);
        return FetchResponse.Fetched(200, await File.ReadAllBytesAsync(file.FullName, cancellationToken), etag, null);
    }
}
