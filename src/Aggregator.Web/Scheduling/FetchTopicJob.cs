using Aggregator.Ingestion;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>The recurring fetch of one topic's due feeds.</summary>
[DisallowConcurrentExecution]
public sealed class FetchTopicJob(TopicRefresher refresher) : IJob
{
    public const string TopicKey = "topic";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var topic = context.MergedJobDataMap.GetString(TopicKey)!;
        await refresher.RefreshAsync(topic, FetchTriggers.Schedule, onlyDue: true, cancellationToken);
    }
}
