using Npgsql;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test's own, which it may stop and start again (on the same port) to inject a database
/// outage without disturbing the shared cluster other tests run against.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly string _dataDirectory = PostgresServer.RunScript("tempdir");

    public string ServerConnectionString { get; private set; } = "";

    public static PrivateCluster Start()
    {
        var cluster = new PrivateCluster();
        cluster.ServerConnectionString = PostgresServer.RunScript("start", cluster._dataDirectory, "--fast");
        return cluster;
    }

    public string ForDatabase(string database) => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    public void Stop() => PostgresServer.RunScript("stop", _dataDirectory);

    public void StartAgain()
    {
        var again = PostgresServer.RunScript("start", _dataDirectory, "--fast");
        if (again != ServerConnectionString) throw new InvalidOperationException($"the cluster came back elsewhere: {again}");
        // Pooled connections to the stopped server are dead; the app would find out on their next use.
        NpgsqlConnection.ClearAllPools();
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        PostgresServer.RunScript("stop", _dataDirectory, "--remove");
        return ValueTask.CompletedTask;
    }
}
