using Aggregator.Model;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>Every schedule the app runs, declared here and nowhere else.</summary>
public static class Schedules
{
    public const string TopicGroup = "topics";

    public static JobKey FetchJob(string topicSlug) => new($"fetch.{topicSlug}", TopicGroup);

    public static TriggerKey FetchTrigger(string topicSlug) => new($"fetch.{topicSlug}", TopicGroup);

    /// <summary>
    /// Fetch a topic's feeds every FetchIntervalMinutes, first right away (feeds not yet due are skipped, so a restart
    /// costs no requests). After downtime the missed fires collapse into one fire now, then the interval resumes.
    /// </summary>
    public static (IJobDetail Job, ITrigger Trigger) Fetch(Topic topic, DateTimeOffset startAt) =>
        (JobBuilder.Create<FetchTopicJob>()
                .WithIdentity(FetchJob(topic.Slug))
                .WithDescription($"Fetch the feeds of {topic.Name}")
                .UsingJobData(FetchTopicJob.TopicKey, topic.Slug)
                .Build(),
            TriggerBuilder.Create()
                .WithIdentity(FetchTrigger(topic.Slug))
                .ForJob(FetchJob(topic.Slug))
                .StartAt(startAt)
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(TimeSpan.FromMinutes(topic.FetchIntervalMinutes))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build());
}
