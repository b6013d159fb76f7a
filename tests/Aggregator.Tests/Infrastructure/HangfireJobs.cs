using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.States;

namespace Aggregator.Tests.Infrastructure;

/// <summary>Reads what Hangfire's job store says about jobs, as the dashboard would show it.</summary>
public static partial class HangfireJobs
{
    /// <summary>The id in a status line such as "… queued as job 12: …".</summary>
    public static string IdIn(string text) => QueuedJob().Match(text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new Xunit.Sdk.XunitException($"no job id in: {text}");

    /// <summary>Waits for the job to succeed and returns the result it reported (the text the dashboard shows).</summary>
    public static async Task<string> ResultAsync(JobStorage storage, string jobId)
    {
        var state = await Eventually.ReturnsAsync(() => Task.FromResult(StateOf(storage, jobId)), s => s?.Name == SucceededState.StateName || s?.Name == FailedState.StateName);
        Assert.Equal(SucceededState.StateName, state?.Name);
        return JsonSerializer.Deserialize<string>(state!.Data["Result"])!;
    }

    private static Hangfire.Storage.StateData? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId);
    }

    [GeneratedRegex(@"queued as job (\d+)")]
    private static partial Regex QueuedJob();
}
