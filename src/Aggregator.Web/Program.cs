using Aggregator.Cli;
using Aggregator.Hosting;
using Aggregator.Storage;
using Serilog;

Log.Logger = LoggingExtensions.CreateBootstrapLogger();
try
{
    // One executable, two faces: with a verb it is the operator CLI (see `help`), without one it serves the app.
    var isCli = CliRunner.IsCliInvocation(args);
    if (isCli && CliRunner.Standalone(args) is { } standalone)
        return await CliRunner.RunStandaloneAsync(standalone, args, Console.Out, Console.Error, CancellationToken.None);
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
}
catch (Exception e) when (e is not HostAbortedException)
{
    // HostAbortedException is how test hosts stop the program after building it; anything else is a crash.
    Log.Fatal(e, "Aggregator stopped: {Error}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

public partial class Program;
