using System.Net;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Hosting;

public sealed class HealthEndpointTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200_when_database_is_migrated_and_scheduler_runs()
    {
        await using var app = new AppFactory(database.ConnectionString);
        using var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        // The scheduler starts once the application has started, so readiness follows a moment after liveness.
        var ready = await Eventually.ReturnsAsync(() => client.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"database\"", body);
        Assert.Contains("\"scheduler\"", body);
        Assert.DoesNotContain(Environment.MachineName, body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/outlets")]
    [InlineData("/account/login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        await using var app = new AppFactory(database.ConnectionString);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline';", csp.Split("style-src")[0]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Readyz_answers_503_while_migrations_are_pending()
    {
        await using var empty = new EmptyTestDatabase();
        await empty.InitializeAsync();
        try
        {
            await using var app = new AppFactory(empty.ConnectionString, new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
            var ready = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("migrations pending", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            await empty.DisposeAsync();
        }
    }
}
