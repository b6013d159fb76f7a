using Aggregator.Storage;
using Aggregator.Stories;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Cli;

public sealed class ReclusterCommand(AppDbContext db, StoryStore stories) : CliCommand
{
    public override string Name => "recluster";
    public override string Usage => "recluster --topic <slug> --from YYYY-MM-DD --to YYYY-MM-DD";
    public override string Summary => "rebuild the stories of a topic's articles published in a date range (admin decisions kept)";
    public override IReadOnlyCollection<string> Options => ["topic", "from", "to"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var slug = arguments.Required("topic");
        var (from, to) = (arguments.RequiredDate("from"), arguments.RequiredDate("to"));
        if (to < from) throw new CliUsageException($"--to ({to:yyyy-MM-dd}) is before --from ({from:yyyy-MM-dd})");
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Slug == slug, cancellationToken)
            ?? throw new CliUsageException($"no topic '{slug}'");
        var (articles, storyCount) = await stories.ReclusterAsync(topic.Id, from, to, cancellationToken);
        await output.WriteLineAsync($"{slug} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {Count(articles, "article")} placed in {Count(storyCount, "story", "stories")}; articles an admin placed were kept.");
        return CliRunner.Success;
    }

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
