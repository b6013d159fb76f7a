using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Aggregator.Hosting;

/// <summary>
/// Escapes control characters in logged values (a request path, a sign-in email, a feed's title): a CR/LF in one would
/// otherwise start a forged line in the text log ("[12:00:00 INF] … signed in"). Values are what outsiders control;
/// message templates are ours.
/// </summary>
public sealed class LogValueEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
            if (Escaped(value) is { } escaped) logEvent.AddOrUpdateProperty(new LogEventProperty(name, escaped));
    }

    /// <summary>The value with its strings escaped, or null when it holds no control character.</summary>
    private static LogEventPropertyValue? Escaped(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } when text.Any(char.IsControl) => new ScalarValue(Escape(text)),
        SequenceValue sequence when sequence.Elements.Any(e => Escaped(e) is not null) =>
            new SequenceValue(sequence.Elements.Select(e => Escaped(e) ?? e)),
        StructureValue structure when structure.Properties.Any(p => Escaped(p.Value) is not null) =>
            new StructureValue(structure.Properties.Select(p => Escaped(p.Value) is { } e ? new LogEventProperty(p.Name, e) : p), structure.TypeTag),
        _ => null,
    };

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            escaped.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return escaped.ToString();
    }
}
