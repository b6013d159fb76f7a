using System.Text.Json;

namespace Aggregator.Model;

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
}

public static class Audit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntry Entry(string actor, string action, string entityType, object entityId, object? before, object? after, DateTimeOffset at) => new()
    {
        At = at,
        Actor = actor,
        Action = action,
        EntityType = entityType,
        EntityId = entityId.ToString()!,
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
    };
}
