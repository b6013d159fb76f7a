using System.Diagnostics;
using Aggregator.Cli;

namespace Aggregator.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Output, string Error);

public static class CliHarness
{
    /// <summary>Runs a verb in-process against the app's real services.</summary>
    public static async Task<CliResult> RunAsync(IServiceProvider services, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(services, args, output, error, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built executable as an operator would, with the connection string in the environment.</summary>
    public static Task<CliResult> RunProcessAsync(string connectionString, params string[] args) =>
        RunProcessWithInputAsync(connectionString, standardInput: null, args);

    /// <summary>As <see cref="RunProcessAsync"/>, writing <paramref name="standardInput"/> to the process's standard input.</summary>
    public static async Task<CliResult> RunProcessWithInputAsync(string connectionString, string? standardInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Aggregator.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__Aggregator"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
