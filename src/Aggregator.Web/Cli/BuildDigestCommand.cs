using Aggregator.Digests;
using Aggregator.Ingestion;

namespace Aggregator.Cli;

public sealed class BuildDigestCommand(DigestBuilder builder, DigestCache cache) : CliCommand
{
    public override string Name => "build-digest";
    public override string Usage => "build-digest --topic <slug> --date YYYY-MM-DD";
    public override string Summary => "build (or rebuild) a topic's digest for a day; a new version only if something changed";
    public override IReadOnlyCollection<string> Options => ["topic", "date"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var topic = arguments.Required("topic");
        var date = arguments.RequiredDate("date");
        DigestBuildResult result;
        try
        {
            result = await builder.BuildAsync(topic, date, cancellationToken);
        }
        catch (TopicNotFoundException e)
        {
            throw new CliUsageException(e.Message);
        }
        catch (DigestNotDueException e)
        {
            throw new CliUsageException(e.Message);
        }
        catch (DigestEmptyException e)
        {
            throw new CliFailureException($"nothing built: {e.Message}");
        }
        await cache.EvictAsync(cancellationToken);
        var digest = result.Digest;
        await output.WriteLineAsync(result.Created
            ? $"Built {digest.Title}, version {digest.Version}: {digest.PerSideCount} articles per side{(digest.IsThin ? " (thin coverage)" : "")}."
            : $"{digest.Title} is unchanged (version {digest.Version}).");
        return CliRunner.Success;
    }
}
