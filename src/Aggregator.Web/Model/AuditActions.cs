namespace Aggregator.Model;

/// <summary>The names audit entries record for what was done.</summary>
public static class AuditActions
{
    public const string OutletCreated = "outlet.created";
    public const string OutletUpdated = "outlet.updated";
    public const string OutletClassified = "outlet.classified";
    public const string OutletMerged = "outlet.merged";
    public const string OutletDeleted = "outlet.deleted";
    public const string RegistryImported = "registry.imported";
    public const string RegistrySeeded = "registry.seeded";
    public const string TopicUpdated = "topic.updated";
    public const string TopicCreated = "topic.created";
    public const string FeedCreated = "feed.created";
    public const string FeedUpdated = "feed.updated";
    public const string FeedDeleted = "feed.deleted";
    public const string StorySplit = "story.split";
    public const string StoryMerged = "story.merged";
}
