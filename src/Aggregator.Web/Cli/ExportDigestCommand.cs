using Aggregator.Digests;

namespace Aggregator.Cli;

public sealed class ExportDigestCommand(DigestReader reader) : CliCommand
{
    public override string Name => "export-digest";
    public override string Usage => "export-digest --topic <slug> --date YYYY-MM-DD --format md|json";
    public override string Summary => "print a digest (its latest version) as Markdown or JSON";
    public override IReadOnlyCollection<string> Options => ["topic", "date", "format"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var slug = arguments.Required("topic");
        var date = arguments.RequiredDate("date");
        var format = arguments.RequiredChoice("format", "md", "json");
        if (await reader.TopicAsync(slug, cancellationToken) is null) throw new CliUsageException($"no enabled topic '{slug}'");
        var digest = await reader.LatestAsync(slug, date, cancellationToken)
            ?? throw new CliFailureException($"{slug} has no digest for {date:yyyy-MM-dd}; build it with build-digest --topic {slug} --date {date:yyyy-MM-dd}");
        await output.WriteAsync(format == "md" ? DigestMarkdown.Render(digest) : DigestJson.Render(digest) + "\n");
        return CliRunner.Success;
    }
}
