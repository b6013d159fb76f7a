using Aggregator.Storage;

namespace Aggregator.Cli;

public sealed class MigrateCommand(DatabaseMigrator migrator) : CliCommand
{
    public override string Name => "migrate";
    public override string Usage => "migrate";
    public override string Summary => "apply pending database migrations";
    public override bool MigratesFirst => false;

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        await output.WriteLineAsync(applied.Count == 0
            ? "Database is up to date."
            : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
        return CliRunner.Success;
    }
}
