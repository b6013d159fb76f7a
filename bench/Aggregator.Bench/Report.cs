using System.Globalization;

namespace Aggregator.Bench;

/// <summary>One line of the benchmark table: a figure, the baseline measured in the same run, their ratio, the target.</summary>
public sealed record Row(string Scenario, string Figure, string Baseline, string Ratio, string Target, bool? Met);

public sealed class Report
{
    private readonly List<Row> _rows = [];

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.Error.WriteLine($"  {row.Scenario}: {row.Figure} (baseline {row.Baseline}, ratio {row.Ratio}) → {Verdict(row.Met)}");
    }

    public static string N(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Verdict(bool? met) => met switch { true => "pass", false => "FAIL", null => "info" };

    public void Print(TextWriter output)
    {
        string[] header = ["scenario", "figure", "baseline (same run)", "ratio", "target", "result"];
        var cells = _rows.Select(r => new[] { r.Scenario, r.Figure, r.Baseline, r.Ratio, r.Target, Verdict(r.Met) }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => cells.Max(c => c[i].Length)).ToArray();
        foreach (var (line, index) in cells.Select((c, i) => (c, i)))
        {
            output.WriteLine("| " + string.Join(" | ", line.Select((cell, i) => cell.PadRight(widths[i]))) + " |");
            if (index == 0) output.WriteLine("| " + string.Join(" | ", widths.Select(w => new string('-', w))) + " |");
        }
        output.WriteLine($"{_rows.Count(r => r.Met == true)} targets met, {_rows.Count(r => r.Met == false)} missed");
    }
}
