using System.Diagnostics;
using Npgsql;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use: the one named by AGGREGATOR_TEST_POSTGRES (scripts/test.sh starts a throwaway
/// cluster and sets it), or else a throwaway cluster this process starts with scripts/postgres.sh and removes on exit.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "AGGREGATOR_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string of the server (no database): superuser, loopback.</summary>
    public static string ConnectionString => Server.Value;

    public static string ForDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    private static string StartOrFind()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured) return configured;

        var dataDirectory = RunScript("tempdir");
        var connectionString = RunScript("start", dataDirectory, "--fast");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript("stop", dataDirectory, "--remove");
        return connectionString;
    }

    /// <summary>Runs scripts/postgres.sh with these arguments and returns what it printed.</summary>
    public static string RunScript(params string[] arguments)
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "postgres.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', arguments)} failed: {error}");
        return output.Trim();
    }
}

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Aggregator.sln"))) return dir.FullName;
        throw new InvalidOperationException("Aggregator.sln not found above " + AppContext.BaseDirectory);
    }
}
