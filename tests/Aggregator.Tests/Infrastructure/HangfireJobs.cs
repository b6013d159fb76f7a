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

    /// <summary>
    /// Waits for the job to succeed and returns the result it reported (the text the dashboard shows). A job that
    /// failed, or failed once and waits for its automatic retry, fails the test at once with Hangfire's reason.
    /// </summary>
    public static async Task<string> ResultAsync(JobStorage storage, string jobId)
    {
        var state = await Eventually.ReturnsAsync($"job {jobId} to finish or retry", () => Task.FromResult(StateOf(storage, jobId)), s => s is not null && (IsFinal(s) || IsRetry(s)));
        Assert.True(state!.Name == SucceededState.StateName, $"job {jobId} is {state.Name}: {state.Reason}{Environment.NewLine}{FailureOf(storage, jobId)}");
        return JsonSerializer.Deserialize<string>(state.Data["Result"])!;
    }

    /// <summary>
    /// Waits until no job is queued or running: the jobs an app queues at start-up (a fetch per topic, a missed day's
    /// digest, which places unplaced articles) are done, and cannot race what the test does next.
    /// </summary>
    public static async Task IdleAsync(JobStorage storage) =>
        await Eventually.ReturnsAsync("the app's start-up jobs to finish", () => Task.FromResult(storage.GetMonitoringApi().GetStatistics()),
            statistics => statistics.Enqueued == 0 && statistics.Processing == 0);

    private static bool IsFinal(Hangfire.Storage.StateData state) => state.Name == SucceededState.StateName || state.Name == FailedState.StateName;

    private static bool IsRetry(Hangfire.Storage.StateData state) =>
        state.Name == ScheduledState.StateName && state.Reason?.StartsWith("Retry attempt", StringComparison.Ordinal) == true;

    /// <summary>The exception of the job's latest failed attempt, as the dashboard's history shows it.</summary>
    private static string? FailureOf(JobStorage storage, string jobId) =>
        storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault(h => h.StateName == FailedState.StateName)?.Data is { } data
        && data.TryGetValue("ExceptionDetails", out var details) ? details : null;

    private static Hangfire.Storage.StateData? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId);
    }

    [GeneratedRegex(@"queued as job (\d+)")]
    private static partial Regex QueuedJob();
}
