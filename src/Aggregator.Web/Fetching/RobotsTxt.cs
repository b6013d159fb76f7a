namespace Aggregator.Fetching;

/// <summary>
/// A site's robots.txt rules for one crawler, as RFC 9309 reads them: the group naming the crawler's product token,
/// else the "*" group; of the rules matching a path the longest wins, and an allow wins a tie. <c>*</c> matches any
/// run of characters and a final <c>$</c> the end of the path. The parser is a pure function of the file's text.
/// </summary>
public sealed class RobotsTxt
{
    private readonly IReadOnlyList<(bool Allow, string Pattern)> _rules;

    private RobotsTxt(IReadOnlyList<(bool Allow, string Pattern)> rules) => _rules = rules;

    /// <summary>Every path allowed: no robots.txt (404 and other 4xx answers, RFC 9309 §2.3.1.3).</summary>
    public static readonly RobotsTxt AllowAll = new([]);

    /// <summary>Every path refused: the site could not say (5xx, no answer), so it is assumed to refuse (§2.3.1.4).</summary>
    public static readonly RobotsTxt DisallowAll = new([(false, "/")]);

    public static RobotsTxt Parse(string text, string productToken)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Split('#')[0].Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var field = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (field == "user-agent")
            {
                if (!lastWasAgent || current is null) groups.Add((current = ([], [])).Value);
                current.Value.Agents.Add(value.ToLowerInvariant());
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current is null || field is not ("allow" or "disallow")) continue;
            // An empty disallow allows everything: it is no rule.
            if (value.Length == 0) continue;
            current.Value.Rules.Add((field == "allow", value));
        }
        var token = productToken.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Contains(token)).SelectMany(g => g.Rules).ToList();
        if (mine.Count == 0 && !groups.Any(g => g.Agents.Contains(token)))
            mine = groups.Where(g => g.Agents.Contains("*")).SelectMany(g => g.Rules).ToList();
        return new RobotsTxt(mine);
    }

    /// <summary>Whether the crawler may read <paramref name="pathAndQuery"/> (the URL's path and query, "/" at least).</summary>
    public bool Allows(string pathAndQuery)
    {
        var path = string.IsNullOrEmpty(pathAndQuery) ? "/" : pathAndQuery;
        if (path.Equals("/robots.txt", StringComparison.OrdinalIgnoreCase)) return true;
        (bool Allow, int Length)? best = null;
        foreach (var (allow, pattern) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            if (best is null || pattern.Length > best.Value.Length || (pattern.Length == best.Value.Length && allow))
                best = (allow, pattern.Length);
        }
        return best?.Allow ?? true;
    }

    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var parts = (anchored ? pattern[..^1] : pattern).Split('*');
        if (!path.StartsWith(parts[0], StringComparison.Ordinal)) return false;
        var at = parts[0].Length;
        for (var i = 1; i < parts.Length; i++)
        {
            var found = i == parts.Length - 1 && anchored
                ? (path.Length - parts[i].Length >= at && path.EndsWith(parts[i], StringComparison.Ordinal) ? path.Length - parts[i].Length : -1)
                : path.IndexOf(parts[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + parts[i].Length;
        }
        return !anchored || at == path.Length;
    }
}
