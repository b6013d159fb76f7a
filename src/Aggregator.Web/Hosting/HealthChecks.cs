using System.Text.Json;
using Aggregator.Storage;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aggregator.Hosting;

public static class HealthChecks
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddAggregatorHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("database", tags: [ReadyTag])
            .AddCheck<SchedulerReadinessCheck>("scheduler", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>/healthz answers while the process serves requests; /readyz only when it can do its work.</summary>
    public static WebApplication MapAggregatorHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJson });
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>Ready when the database answers and has every migration this build knows.</summary>
public sealed class DatabaseReadinessCheck(IServiceScopeFactory scopes, ILogger<DatabaseReadinessCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            return await migrator.IsUpToDateAsync(cancellationToken)
                ? HealthCheckResult.Healthy("reachable, migrations applied")
                : HealthCheckResult.Unhealthy("migrations pending");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The reason goes to the log; /readyz is public and says only what is wrong.
            logger.LogWarning(e, "Readiness: the database is unreachable");
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

/// <summary>Ready when this instance's Hangfire server is running: it has told the job store it is alive within the last minute.</summary>
public sealed class SchedulerReadinessCheck(JobStorage storage, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan Silence = TimeSpan.FromMinutes(1);
    private static readonly string ThisProcess = $"{Environment.MachineName}:{Environment.ProcessId}".ToLowerInvariant();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var server = storage.GetMonitoringApi().Servers()
            .FirstOrDefault(s => s.Name.StartsWith(ThisProcess, StringComparison.OrdinalIgnoreCase) && s.Heartbeat > now - Silence);
        return Task.FromResult(server is null
            ? HealthCheckResult.Unhealthy("this instance's job server is not running")
            : HealthCheckResult.Healthy("job server running"));
    }
}
