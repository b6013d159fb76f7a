using System.Text;

namespace Aggregator.Registry;

/// <summary>
/// The registry as CSV: name,alignment,country,domains,aliases,rationale — domains and aliases separated by ";".
/// Quoting follows RFC 4180. Outlet names come from feeds, so a cell a spreadsheet would run as a formula (starting
/// with = + - @ or a tab or carriage return) is written with a leading apostrophe, which reading the file removes again.
/// </summary>
public static class RegistryCsv
{
    public static readonly string[] Header = ["name", "alignment", "country", "domains", "aliases", "rationale"];

    public static string Write(IEnumerable<RegistryEntry> entries)
    {
        var builder = new StringBuilder().AppendLine(string.Join(',', Header));
        foreach (var e in entries)
            builder.AppendLine(string.Join(',', new[] { e.Name, e.Side, e.Country ?? "", string.Join(';', e.Domains), string.Join(';', e.Aliases), e.Rationale ?? "" }
                .Select(Defuse).Select(Quote)));
        return builder.ToString();
    }

    /// <summary>Rows with their line numbers (the header is line 1), or the reason the file cannot be read.</summary>
    public static (IReadOnlyList<(int Line, RegistryEntry Entry)> Rows, string? Error) Read(string text)
    {
        var records = Parse(text);
        if (records.Count == 0) return ([], "the file is empty");
        var header = records[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var missing = Header.Take(2).Where(h => !header.Contains(h)).ToList();
        if (missing.Count > 0) return ([], $"the header lacks {string.Join(", ", missing)} (expected {string.Join(',', Header)})");
        string Field(List<string> fields, string name)
        {
            var index = header.IndexOf(name);
            return index >= 0 && index < fields.Count ? Restore(fields[index].Trim()) : "";
        }
        static List<string> Split(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var rows = records.Skip(1)
            .Where(r => r.Fields.Any(f => f.Trim().Length > 0))
            .Select(r => (r.Line, new RegistryEntry(Field(r.Fields, "name"), Split(Field(r.Fields, "aliases")), Split(Field(r.Fields, "domains")),
                Field(r.Fields, "country"), Field(r.Fields, "alignment"), Field(r.Fields, "rationale"))))
            .ToList();
        return (rows, null);
    }

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static string Defuse(string value) => value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;

    private static string Restore(string value) => value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add((recordLine, fields)); fields = [];
                    line++; recordLine = line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        return records;
    }
}
