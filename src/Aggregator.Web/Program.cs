using Aggregator.Cli;
using Aggregator.Hosting;
using Aggregator.Storage;

// One executable, two faces: with a verb it is the operator CLI (see `help`), without one it serves the app.
var isCli = CliRunner.IsCliInvocation(args);
var builder = WebApplication.CreateBuilder(isCli ? [] : args);
try
{
    builder.AddAggregator(isCli);
}
catch (MissingConfigurationException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return CliRunner.Failure;
}
var app = builder.Build();

if (isCli)
    return await CliRunner.RunAsync(app.Services, args, Console.Out, Console.Error, CancellationToken.None);

app.UseAggregator();
await app.MigrateOnStartupAsync();
await app.RunAsync();
return 0;

public partial class Program;
