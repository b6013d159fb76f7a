using Aggregator.Model;
using Quartz;

namespace Aggregator.Scheduling;

/// <summary>Every schedule the app runs, declared here and nowhere else.</summary>
public static class Schedules
{
    public const string TopicGroup = "topics";

    public static JobKey FetchJob(string topicSlug) => new($"fetch.{topicSlug}", TopicGroup);

    public static TriggerKey FetchTrigger(string topicSlug) => new($"fetch.{topicSlug}", TopicGroup);

    public static JobKey DigestJob(string topicSlug) => new($"digest.{topicSlug}", TopicGroup);

    public static TriggerKey DigestTrigger(string topicSlug) => new($"digest.{topicSlug}", TopicGroup);

    /// <summary>The Quartz cron expression of a topic's daily digest: second 0, minute 0, the digest hour, every day (UTC).</summary>
    public static string DigestCron(Topic topic) => $"0 0 {topic.DigestHourUtc} * * ?";

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

    /// <summary>
    /// Build a topic's digest daily at its digest hour (UTC). A fire missed while every instance was down runs once
    /// on the next start.
    /// </summary>
    public static (IJobDetail Job, ITrigger Trigger) Digest(Topic topic) =>
        (JobBuilder.Create<BuildDigestJob>()
                .WithIdentity(DigestJob(topic.Slug))
                .WithDescription($"Build the daily digest of {topic.Name}")
                .UsingJobData(BuildDigestJob.TopicKey, topic.Slug)
                .Build(),
            TriggerBuilder.Create()
                .WithIdentity(DigestTrigger(topic.Slug))
                .ForJob(DigestJob(topic.Slug))
                .WithSchedule(CronScheduleBuilder.Create(DigestCron(topic))
                    .InTimeZone(TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build());
}
