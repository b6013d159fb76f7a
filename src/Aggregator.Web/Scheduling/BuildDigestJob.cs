using Aggregator.Digests;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>The daily digest of one topic: publishes the day whose window has just closed.</summary>
[DisallowConcurrentExecution]
public sealed class BuildDigestJob(DigestPublisher publisher) : IJob
{
    public const string TopicKey = "topic";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await publisher.PublishAsync(context.MergedJobDataMap.GetString(TopicKey)!, date: null, cancellationToken);
}
