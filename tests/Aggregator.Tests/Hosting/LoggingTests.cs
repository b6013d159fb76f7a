using System.Net.Sockets;
using System.Text.Json;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Hosting;

/// <summary>The app's logs as an operator reads them from the process.</summary>
[RunsLong(12)]
public sealed class LoggingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Each_request_is_one_structured_line_without_its_query_string()
    {
        using var app = AppProcess.Start(database.ConnectionString, new Dictionary<string, string> { ["Log__Format"] = "json", ["Registry__SeedOnStartup"] = "false" });
        using var client = new HttpClient { BaseAddress = await app.BaseUriAsync() };

        var response = await client.GetAsync("/outlets?token=s3cret-value");
        var line = await Eventually.ReturnsAsync("the request log line of /outlets",
            () => Task.FromResult(app.Output.FirstOrDefault(l => l.Contains("\"RequestPath\":\"/outlets\""))), l => l is not null);
        Assert.True(line is not null, $"{response.StatusCode}; the app wrote:\n{string.Join('\n', app.Output.Concat(app.Errors))}");

        using var json = JsonDocument.Parse(line!);
        Assert.Equal(("GET", "/outlets", 200), (json.RootElement.GetProperty("RequestMethod").GetString(), json.RootElement.GetProperty("RequestPath").GetString(), json.RootElement.GetProperty("StatusCode").GetInt32()));
        Assert.DoesNotContain(app.Output.Concat(app.Errors), l => l.Contains("s3cret-value"));
    }

    [Fact]
    public async Task A_line_break_in_a_logged_value_cannot_forge_a_log_line()
    {
        using var app = AppProcess.Start(database.ConnectionString, new Dictionary<string, string> { ["Registry__SeedOnStartup"] = "false" });
        using var client = new HttpClient { BaseAddress = await app.BaseUriAsync() };

        await client.GetAsync("/outlets%0D%0A[12:00:00%20INF]%20Aggregator.Admin:%20admin@example.org%20signed%20in");
        var lines = await Eventually.ReturnsAsync("the sign-in log line",
            () => Task.FromResult(app.Output.Concat(app.Errors).Where(l => l.Contains("signed in")).ToList()), l => l.Count > 0);

        var line = Assert.Single(lines);
        Assert.Contains("HTTP GET /outlets\\r\\n[12:00:00 INF] Aggregator.Admin: admin@example.org signed in responded 404", line);
    }

    [Fact]
    public async Task A_failure_at_start_up_is_logged_as_fatal_on_stderr_and_exits_1()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var app = AppProcess.Start($"Host=127.0.0.1;Port={closedPort};Username=postgres;Database=nowhere;Timeout=3", new Dictionary<string, string>());

        Assert.Equal(1, await app.ExitCodeAsync());
        Assert.Contains(app.Errors, line => line.Contains("FTL") && line.Contains("Aggregator stopped"));
        Assert.Empty(app.Output);
    }
}
