using Aggregator.Digests;

namespace Aggregator.Cli;

public sealed class BuildDigestCommand(DigestPublisher publisher) : CliCommand
{
    public override string Name => "build-digest";
    public override string Usage => "build-digest --topic <slug> --date YYYY-MM-DD";
    public override string Summary => "build (or rebuild) a topic's digest for a day; a new version only if something changed";
    public override IReadOnlyCollection<string> Options => ["topic", "date"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(arguments.Required("topic"), arguments.RequiredDate("date"), cancellationToken);
        switch (result.Outcome)
        {
            case PublishOutcome.NoSuchTopic or PublishOutcome.NotDue:
                throw new CliUsageException(result.Message);
            case PublishOutcome.Empty:
                throw new CliFailureException($"nothing built: {result.Message}");
            default:
                await output.WriteLineAsync(result.Message);
                return CliRunner.Success;
        }
    }
}
