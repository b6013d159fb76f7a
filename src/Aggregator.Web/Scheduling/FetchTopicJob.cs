using Aggregator.Ingestion;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>The recurring fetch of one topic's due feeds.</summary>
[DisallowConcurrentExecution]
public sealed class FetchTopicJob(TopicRefresher refresher) : IJob
{
    public const string TopicKey = "topic";
    /// <summary>Set when an admin asks for a fetch now: every feed is fetched, due or not.</summary>
    public const string ForceKey = "force";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var topic = context.MergedJobDataMap.GetString(TopicKey)!;
        var forced = context.MergedJobDataMap.TryGetBoolean(ForceKey, out var force) && force;
        await refresher.RefreshAsync(topic, forced ? FetchTriggers.Admin : FetchTriggers.Schedule, onlyDue: !forced, cancellationToken);
    }
}
