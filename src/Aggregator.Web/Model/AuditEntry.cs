using System.Text.Json;

namespace Aggregator.Model;

/// <summary>Who changed what and when, with the state before and after as JSON.</summary>
public sealed class AuditEntry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>An entry for one change: <paramref name="before"/> and <paramref name="after"/> are stored as JSON (null when created or deleted).</summary>
    public static AuditEntry Create(string actor, string action, string entityType, object entityId, object? before, object? after, DateTimeOffset at) => new()
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
