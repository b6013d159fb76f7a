using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// Whole-database backups with PostgreSQL's own tools (pg_dump's custom format, pg_restore), so a backup holds
/// everything — articles, registry, digests, users, keys, the job store — and restores onto an empty or existing
/// database. The tools come with the PostgreSQL client package (postgresql-client).
/// </summary>
public sealed class DatabaseBackup(AppDbContext db)
{
    /// <summary>
    /// Writes the dump to <paramref name="file"/>, created readable by its owner only before pg_dump fills it: it holds
    /// password hashes and the data-protection key ring.
    /// </summary>
    public Task BackupAsync(string file, CancellationToken cancellationToken)
    {
        using (File.Create(file)) { }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return RunAsync("pg_dump", ["--format=custom", "--no-owner", "--file", file], cancellationToken);
    }

    /// <summary>Replaces what the backup holds (objects are dropped first), leaving nothing half-restored on error.</summary>
    public Task RestoreAsync(string file, CancellationToken cancellationToken) =>
        RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", file], cancellationToken);

    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(connection.Database ?? throw new InvalidOperationException("The connection string names no database."));
        // The password goes through the environment, never the command line (visible to other users).
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        if (connection.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} was not found: install the PostgreSQL client tools (Debian: postgresql-client)");
        }
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0) throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await errors).Trim()}");
        }
    }
}

/// <summary>A backup or restore did not complete; the message says why.</summary>
public sealed class BackupException(string message) : Exception(message);
