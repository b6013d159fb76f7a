using Aggregator.Cli;
using Aggregator.Hosting;
using Aggregator.Storage;

// One executable, two faces: with a verb it is the operator CLI (see `help`), without one it serves the app.
var isCli = CliRunner.IsCliInvocation(args);
// The CLI reads its appsettings.json beside the assembly, wherever the operator's shell happens to be.
var builder = WebApplication.CreateBuilder(isCli
    ? new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory }
    : new WebApplicationOptions { Args = args });
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

// The database first: the job dashboard mapped by UseAggregator opens Hangfire's store in it.
await app.PrepareDatabaseAsync();
app.UseAggregator();
await app.RunAsync();
return 0;

public partial class Program;
