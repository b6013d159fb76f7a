using Aggregator.Registry;

namespace Aggregator.Cli;

public sealed class SeedRegistryCommand(RegistrySeeder seeder) : CliCommand
{
    public override string Name => "seed-registry";
    public override string Usage => "seed-registry";
    public override string Summary => "load the default outlet registry (adds outlets; never overwrites an admin's edits)";

    public override async Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await seeder.SeedAsync(RegistryJson.LoadDefault(), cancellationToken);
        await output.WriteLineAsync($"Registry: {result.Added} outlets added, {result.Updated} updated, {result.KeptAdminEdits} kept as admins edited them.");
        foreach (var skipped in result.Skipped) await output.WriteLineAsync($"skipped {skipped}");
        return CliRunner.Success;
    }
}
