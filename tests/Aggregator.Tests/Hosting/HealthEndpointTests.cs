using System.Net;
using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Hosting;

public sealed class HealthEndpointTests(ClassApp shared) : IClassFixture<ClassApp>
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200_when_database_is_migrated_and_scheduler_runs()
    {
        var app = shared.App;
        using var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        // The scheduler starts once the application has started, so readiness follows a moment after liveness.
        var ready = await Eventually.ReturnsAsync("/readyz to answer 200", () => client.GetAsync("/readyz"), r => r.StatusCode == HttpStatusCode.OK);

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
        var app = shared.App;
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
    public async Task Absolute_links_use_the_configured_public_address_whatever_host_the_request_names()
    {
        await using var app = new AppFactory(shared.Database.ConnectionString, new Dictionary<string, string?> { ["Hosting:PublicBaseUrl"] = "https://news.example.org" });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/us-china/feed.atom");
        request.Headers.Host = "evil.example";

        var atom = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("href=\"https://news.example.org/topics/us-china/feed.atom\"", atom);
        Assert.DoesNotContain("evil.example", atom);
    }

    [Fact]
    public async Task Sign_in_cookies_are_secure_only_outside_development()
    {
        var app = shared.App;
        using (await Browserless.SignedInAsync(app, "secure@example.org", admin: true)) { }
        using var client = Browserless.Client(app);

        var signedIn = await Browserless.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = "secure@example.org", ["Input.Password"] = Browserless.Password });

        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aggregator.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        // Over plain HTTP (a proxy that does not say it terminated TLS), no form is served: its antiforgery cookie
        // would have to travel in the clear. Hosting:SecureCookies=false is the switch for plain-HTTP trials.
        using var plain = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
        var form = await plain.GetAsync("/account/login");
        Assert.DoesNotContain(form.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("aggregator.antiforgery=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_scheme_is_the_requests_scheme()
    {
        // On a real port: the request arrives from 127.0.0.1, the proxy the app trusts by default.
        await using var app = LiveApp.Start(shared.Database.ConnectionString, new Dictionary<string, string?> { ["Registry:SeedOnStartup"] = "false" });
        using var client = new HttpClient { BaseAddress = app.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/topics/us-china/feed.atom");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var atom = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("href=\"https://127.0.0.1:", atom);
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
