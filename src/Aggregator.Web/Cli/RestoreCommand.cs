using Aggregator.Storage;

namespace Aggregator.Cli;

public sealed class RestoreCommand(DatabaseBackup backups) : CliCommand
{
    public override string Name => "restore";
    public override string Usage => "restore --from <file.dump>";
    public override string Summary => "replace the database's contents with a backup (in one transaction; stop the app first)";
    public override IReadOnlyCollection<string> Options => ["from"];
    // The backup brings its own schema version; migrating first would only be undone.
    public override bool MigratesFirst => false;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(arguments.Required("from"));
        if (!File.Exists(file)) throw new CliUsageException($"no file '{file}'");
        try
        {
            await backups.RestoreAsync(file, cancellationToken);
        }
        catch (BackupException e)
        {
            throw new CliFailureException(e.Message);
        }
        await output.WriteLineAsync($"Restored {file}. Start the app (or run `migrate`) to bring the schema up to this version.");
        return CliRunner.Success;
    }
}
