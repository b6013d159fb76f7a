using Aggregator.Storage;

namespace Aggregator.Cli;

public sealed class BackupCommand(DatabaseBackup backups) : CliCommand
{
    public override string Name => "backup";
    public override string Usage => "backup --out <file.dump>";
    public override string Summary => "write the whole database to a file (pg_dump custom format)";
    public override IReadOnlyCollection<string> Options => ["out"];

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(arguments.Required("out"));
        try
        {
            await backups.BackupAsync(file, cancellationToken);
        }
        catch (BackupException e)
        {
            throw new CliFailureException(e.Message);
        }
        await output.WriteLineAsync($"Backed up to {file} ({new FileInfo(file).Length:N0} bytes).");
        return CliRunner.Success;
    }
}
