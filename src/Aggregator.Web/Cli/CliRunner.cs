using Aggregator.Storage;
using Npgsql;

namespace Aggregator.Cli;

/// <summary>Dispatches a verb to its command. Exit codes: 0 done, 1 failed, 2 bad arguments.</summary>
public static class CliRunner
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>True when the first argument names a verb rather than a host option such as --urls.</summary>
    public static bool IsCliInvocation(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetServices<CliCommand>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var verb = args[0];
        if (verb is "help" or "--help")
        {
            await WriteHelpAsync(output, commands);
            return Success;
        }
        var command = commands.FirstOrDefault(c => c.Name == verb);
        if (command is null)
        {
            await error.WriteLineAsync($"error: unknown command '{verb}'");
            await WriteHelpAsync(error, commands);
            return UsageError;
        }
        return await RunCommandAsync(command, args, output, error, async () =>
        {
            var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
            if (command.MigratesFirst && configuration.GetValue("Database:MigrateOnStartup", true))
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A verb that needs neither the database nor the host (it is also registered, for help), or null.</summary>
    public static CliCommand? Standalone(string[] args) => args switch
    {
        ["cluster-stories", ..] => new ClusterStoriesCommand(),
        ["extract-article", ..] => new ExtractArticleCommand(),
        _ => null,
    };

    /// <summary>Runs a <see cref="Standalone"/> verb without building the host: no configuration or database needed.</summary>
    public static Task<int> RunStandaloneAsync(CliCommand command, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunCommandAsync(command, args, output, error, () => Task.CompletedTask, cancellationToken);

    private static async Task<int> RunCommandAsync(
        CliCommand command, string[] args, TextWriter output, TextWriter error, Func<Task> prepare, CancellationToken cancellationToken)
    {
        try
        {
            var arguments = CliArguments.Parse(args[1..], command.Options, command.MaxPositionals, command.Flags);
            await prepare();
            return await command.RunAsync(arguments, output, cancellationToken);
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync($"usage: Aggregator.Web {command.Usage}");
            return UsageError;
        }
        catch (CliFailureException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return Failure;
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync($"error: database: {e.Message}");
            return Failure;
        }
    }

    private static async Task WriteHelpAsync(TextWriter writer, IEnumerable<CliCommand> commands)
    {
        await writer.WriteLineAsync("usage: Aggregator.Web <command> [options]   (no command: serve the web app)");
        await writer.WriteLineAsync("commands:");
        foreach (var command in commands)
            await writer.WriteLineAsync($"  {command.Usage,-62} {command.Summary}");
    }
}

/// <summary>A command that could not do its work for a reason the operator can act on: message printed, exit code 1.</summary>
public sealed class CliFailureException(string message) : Exception(message);
