using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aggregator.Storage;

/// <summary>
/// The PostgreSQL channel through which every instance learns that readers' cached pages are out of date: a
/// <c>NOTIFY</c> sent by whoever changed what they show (inside a transaction it is delivered at commit), and the
/// <c>LISTEN</c> each instance keeps open.
/// </summary>
public static class ReaderPageChanges
{
    public const string Channel = "aggregator_digest_published";

    public static Task NotifyAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", cancellationToken);

    public static async Task ListenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
        await listen.ExecuteNonQueryAsync(cancellationToken);
    }
}
