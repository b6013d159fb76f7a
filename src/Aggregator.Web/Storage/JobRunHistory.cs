using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>One execution of a scheduled job, as the clustered job store recorded it.</summary>
public sealed record JobRun(string Job, string Instance, DateTimeOffset Fired, TimeSpan Duration, bool Succeeded, string? Error);

/// <summary>Reads Quartz's cluster-wide execution history (qrtz_execution_history, which Quartz owns; times are .NET ticks).</summary>
public sealed class JobRunHistory(AppDbContext db)
{
    public async Task<IReadOnlyList<JobRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("""
                SELECT job_name, instance_name, fired_time, run_time, succeeded, error_message
                FROM qrtz_execution_history
                ORDER BY fired_time DESC
                LIMIT @limit
                """, connection);
            command.Parameters.AddWithValue("limit", limit);
            var runs = new List<JobRun>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                runs.Add(new JobRun(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    TimeSpan.FromTicks(reader.GetInt64(3)), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            return runs;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
