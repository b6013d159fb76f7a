using Microsoft.EntityFrameworkCore;

namespace Aggregator.Storage;

public static class SearchQueries
{
    /// <summary>
    /// Whether a websearch query names a word an index can find. One of excluded words only ("-zzzz") matches nearly
    /// every row and would walk the whole table: <c>querytree()</c> of it is "T".
    /// </summary>
    public static async Task<bool> HasWordToFindAsync(AppDbContext db, string query, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<string>($"SELECT querytree(websearch_to_tsquery('english', {query})) AS \"Value\"").SingleAsync(cancellationToken) != "T";
}
