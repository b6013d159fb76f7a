using System.Linq.Expressions;

namespace Aggregator.Model;

public enum OutletOrigin
{
    /// <summary>Loaded from the default registry shipped with the app.</summary>
    Registry,
    /// <summary>Seen in a feed but not in the registry: waits in the review queue.</summary>
    Discovered,
    /// <summary>Created by an admin.</summary>
    Admin,
}

/// <summary>A news organisation, found by its domains, name and aliases, counted on one side.</summary>
public sealed class Outlet
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Case-folded, whitespace-collapsed name: the unique key for lookups by name.</summary>
    public required string NormalizedName { get; set; }
    public string? Country { get; set; }
    public Side Side { get; set; }
    /// <summary>
    /// Set when no registry entry or admin decided the side: the rule that guessed it (<see cref="ProvisionalRules"/>).
    /// A provisional outlet counts on its side (unless its topic says otherwise) and waits in the review queue.
    /// </summary>
    public string? ProvisionalRule { get; set; }
    public bool IsProvisional => ProvisionalRule is not null;

    /// <summary>An admin has yet to decide this outlet's side: it is unclassified, or its side is provisional.</summary>
    public static readonly Expression<Func<Outlet, bool>> AwaitsReview = o => o.Side == Side.Unclassified || o.ProvisionalRule != null;
    public string? Notes { get; set; }
    public OutletOrigin Origin { get; set; }
    /// <summary>Set once an admin edits the outlet, so re-seeding the registry never overwrites that edit.</summary>
    public DateTimeOffset? EditedByAdminAt { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<OutletAlias> Aliases { get; set; } = [];
    public List<OutletDomain> Domains { get; set; } = [];
}

/// <summary>Another spelling of an outlet's name as feeds give it ("news.cgtn.com", "新华网").</summary>
public sealed class OutletAlias
{
    public int Id { get; set; }
    public int OutletId { get; set; }
    public required string Name { get; set; }
    public required string NormalizedName { get; set; }
}

/// <summary>A host that belongs to an outlet, lower-case without "www.".</summary>
public sealed class OutletDomain
{
    public required string Host { get; set; }
    public int OutletId { get; set; }
}
