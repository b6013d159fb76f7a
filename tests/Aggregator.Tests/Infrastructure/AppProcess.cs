using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The built app as its own process on a free loopback port, as an operator runs it: its logs can be read and the
/// process can be killed outright. Like <see cref="AppFactory"/>, it replays feeds from an empty directory unless the
/// test says otherwise, so nothing it fetches leaves this machine.
/// </summary>
public sealed partial class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _emptyReplayDirectory;

    public ConcurrentQueue<string> Output { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();

    private AppProcess(Process process, string emptyReplayDirectory)
    {
        _process = process;
        _emptyReplayDirectory = emptyReplayDirectory;
    }

    public static AppProcess Start(string connectionString, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Aggregator.Web.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Aggregator"] = connectionString;
        var replay = Directory.CreateTempSubdirectory("aggregator-replay-").FullName;
        start.Environment["Fetching__ReplayDirectory"] = replay;
        start.Environment["Fetching__AllowedAddresses__0"] = "127.0.0.1";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var app = new AppProcess(Process.Start(start)!, replay);
        app._process.OutputDataReceived += (_, line) => { if (line.Data is not null) app.Output.Enqueue(line.Data); };
        app._process.ErrorDataReceived += (_, line) => { if (line.Data is not null) app.Errors.Enqueue(line.Data); };
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Where the app listens, once it says so.</summary>
    public async Task<Uri> BaseUriAsync()
    {
        var line = await Eventually.ReturnsAsync("the app to say where it listens", () => Task.FromResult(Output.FirstOrDefault(l => ListeningOn().IsMatch(l))), l => l is not null || _process.HasExited, TimeSpan.FromSeconds(60));
        return line is null ? throw new Xunit.Sdk.XunitException($"the app did not start: {string.Join('\n', Errors)}") : new Uri(ListeningOn().Match(line).Groups[1].Value);
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Directory.Delete(_emptyReplayDirectory, recursive: true);
    }

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
