using System.Text.Json.Serialization;
using Aggregator.Classification;
using Aggregator.Model;

namespace Aggregator.Registry;

/// <summary>What an outlet should become: from the admin form, an import row, or the default registry.</summary>
public sealed record OutletChange(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Domains, string? Country, Side Side, string? Notes)
{
    /// <summary>Checks the values themselves (not conflicts with other outlets); returns the problems found.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("name is required");
        else if (Name.Trim().Length > ColumnLengths.OutletName) problems.Add($"name is longer than {ColumnLengths.OutletName} characters");
        foreach (var domain in Domains)
            if (OutletKeys.NormalizeHost(domain) is null) problems.Add($"'{domain}' is not a domain");
        foreach (var alias in Aliases)
            if (alias.Trim().Length > ColumnLengths.OutletName) problems.Add($"alias '{alias}' is longer than {ColumnLengths.OutletName} characters");
        if (Country?.Length > ColumnLengths.Country) problems.Add($"country is longer than {ColumnLengths.Country} characters");
        if (Notes?.Length > ColumnLengths.Notes) problems.Add($"notes are longer than {ColumnLengths.Notes} characters");
        return problems;
    }

    public static OutletChange From(RegistryEntry entry, out string? problem)
    {
        problem = SideCodes.TryParse(entry.Side, out var side) && side != Side.Unclassified
            ? null
            : $"alignment '{entry.Side}' is not one of us, china, neutral";
        return new OutletChange(entry.Name?.Trim() ?? "", entry.Aliases ?? [], entry.Domains ?? [], Blank(entry.Country), side, Blank(entry.Rationale));
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>An outlet as audit entries and exports record it.</summary>
public sealed record OutletSnapshot(string Name, [property: JsonPropertyName("alignment")] string Side, string? Country, string? Notes, IReadOnlyList<string> Aliases, IReadOnlyList<string> Domains,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProvisionalRule = null)
{
    public static OutletSnapshot Of(Outlet outlet) => new(
        outlet.Name, outlet.Side.ToCode(), outlet.Country, outlet.Notes,
        outlet.Aliases.Select(a => a.Name).Order(StringComparer.Ordinal).ToList(),
        outlet.Domains.Select(d => d.Host).Order(StringComparer.Ordinal).ToList(),
        outlet.ProvisionalRule);

    public RegistryEntry ToEntry() => new(Name, Aliases, Domains, Country, Side, Notes);

    /// <summary>Value equality including the lists (a record compares lists by reference).</summary>
    public bool SameAs(OutletSnapshot other) =>
        Name == other.Name && Side == other.Side && Country == other.Country && Notes == other.Notes && ProvisionalRule == other.ProvisionalRule
        && Aliases.SequenceEqual(other.Aliases) && Domains.SequenceEqual(other.Domains);
}
