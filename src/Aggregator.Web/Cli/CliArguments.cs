using System.Globalization;

namespace Aggregator.Cli;

/// <summary>Bad command-line input: printed with the command's usage, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The options (--name value) and positional arguments of one command, checked against what it accepts.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _options;
    private readonly IReadOnlyList<string> _positionals;
    private readonly HashSet<string> _flags;

    private CliArguments(Dictionary<string, string> options, IReadOnlyList<string> positionals, HashSet<string> flags)
    {
        _options = options;
        _positionals = positionals;
        _flags = flags;
    }

    /// <param name="allowedFlags">Options that take no value (--name alone).</param>
    public static CliArguments Parse(
        IReadOnlyList<string> args, IReadOnlyCollection<string> allowedOptions, int maxPositionals, IReadOnlyCollection<string>? allowedFlags = null)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                if (allowedFlags?.Contains(name) == true)
                {
                    if (!flags.Add(name)) throw new CliUsageException($"option --{name} given twice");
                    continue;
                }
                var equals = name.IndexOf('=');
                string value;
                if (equals >= 0)
                {
                    value = name[(equals + 1)..];
                    name = name[..equals];
                }
                else
                {
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                        throw new CliUsageException($"option --{name} needs a value");
                    value = args[++i];
                }
                if (!allowedOptions.Contains(name)) throw new CliUsageException($"unknown option --{name}");
                if (!options.TryAdd(name, value)) throw new CliUsageException($"option --{name} given twice");
            }
            else
            {
                positionals.Add(arg);
            }
        }
        if (positionals.Count > maxPositionals)
            throw new CliUsageException($"unexpected argument '{positionals[maxPositionals]}'");
        return new CliArguments(options, positionals, flags);
    }

    public bool Flag(string flag) => _flags.Contains(flag);

    public string? Optional(string option) => _options.TryGetValue(option, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public string Required(string option) =>
        _options.TryGetValue(option, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new CliUsageException($"missing --{option}");

    public DateOnly RequiredDate(string option)
    {
        var text = Required(option);
        return Digests.DigestWindow.TryParseDate(text, out var date)
            ? date
            : throw new CliUsageException($"--{option} must be a date as YYYY-MM-DD, not '{text}'");
    }

    public string RequiredChoice(string option, params string[] choices)
    {
        var text = Required(option);
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new CliUsageException($"--{option} must be one of {string.Join(", ", choices)}, not '{text}'");
    }

    public string RequiredPositional(int index, string name) =>
        index < _positionals.Count ? _positionals[index] : throw new CliUsageException($"missing {name}");
}
