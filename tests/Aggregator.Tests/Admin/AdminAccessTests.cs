using System.Net;
using System.Text.RegularExpressions;
using Aggregator.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Admin;

/// <summary>
/// Every admin route, as the app's own endpoint table lists it, is closed to anyone but admins. One app for the class:
/// each test signs in its own accounts, from clients of their own.
/// </summary>
[RunsLong(8)]
public sealed partial class AdminAccessTests(ClassAppOfSeparateClients site) : IClassFixture<ClassAppOfSeparateClients>
{
    private readonly AppFactory _app = site.App;

    private IReadOnlyList<string> AdminPaths()
    {
        var paths = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal) == true)
            .Select(e => "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "1"))
            .Distinct()
            .ToList();
        Assert.True(paths.Count >= 10, $"expected the admin area's pages, found {string.Join(", ", paths)}");
        return paths;
    }

    /// <summary>Pages of Hangfire's dashboard, which the endpoint table lists as one catch-all route.</summary>
    private static readonly string[] DashboardPaths = ["/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/jobs/succeeded", "/admin/jobs/servers"];

    [Fact]
    public async Task Every_admin_route_redirects_anonymous_users_to_sign_in()
    {
        using var client = Browserless.Client(_app);
        foreach (var path in AdminPaths().Concat(DashboardPaths))
        {
            var get = await client.GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.OriginalString.Contains("/account/login"), $"GET {path}: {get.StatusCode}");
            var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
            Assert.True(post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location!.OriginalString.Contains("/account/login"), $"POST {path}: {post.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_admin_route_forbids_a_signed_in_user_who_is_not_an_admin()
    {
        using var client = await Browserless.SignedInAsync(_app, "reader@example.org", admin: false);
        foreach (var path in AdminPaths().Concat(DashboardPaths))
        {
            var get = await client.GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location!.OriginalString.Contains("/account/access-denied"), $"GET {path}: {get.StatusCode}");
        }
        var denied = await client.GetAsync("/account/access-denied");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Admins_reach_every_admin_page_and_posts_without_an_antiforgery_token_are_rejected()
    {
        using var client = await Browserless.SignedInAsync(_app, "admin@example.org", admin: true);
        foreach (var path in AdminPaths().Where(p => !p.Contains("/1")).Concat(DashboardPaths))
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"GET {path}");
        foreach (var path in AdminPaths())
        {
            var post = await client.PostAsync(path, new FormUrlEncodedContent([new("Input.Name", "x")]));
            Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"POST {path} without a token: {post.StatusCode}");
        }
    }

    /// <summary>Identity's hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<Aggregator.Model.AppUser>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<Aggregator.Model.AppUser> _inner = new();
        public int Verifications;
        public string HashPassword(Aggregator.Model.AppUser user, string password) => _inner.HashPassword(user, password);
        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(Aggregator.Model.AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Wrong_passwords_slow_down_only_their_client_every_outcome_costs_one_hash_and_the_right_password_works_from_elsewhere()
    {
        using (await Browserless.SignedInAsync(_app, "slow@example.org", admin: true)) { }
        var hasher = new CountingHasher();
        await using var app = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Aggregator.Model.AppUser>>(hasher);
        }));
        HttpClient ClientAt(string address)
        {
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
            client.DefaultRequestHeaders.Remove(ClientAddressFromHeader.Header);
            client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
            return client;
        }
        using var stranger = ClientAt("203.0.113.5");
        using var admin = ClientAt("198.51.100.7");
        async Task<(HttpStatusCode Status, string Alert, int Hashes)> SignInAsync(HttpClient client, string email, string password)
        {
            var before = hasher.Verifications;
            var response = await Browserless.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            var alert = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")?.TextContent ?? "";
            return (response.StatusCode, alert, hasher.Verifications - before);
        }

        var guesses = new List<(HttpStatusCode, string, int)>();
        for (var i = 0; i < 6; i++) guesses.Add(await SignInAsync(stranger, "slow@example.org", $"guess number {i}"));
        // The stranger, now waiting, is refused even the right password, at the same cost and with the same answer.
        var strangerWithRightPassword = await SignInAsync(stranger, "slow@example.org", Browserless.Password);
        var unknownAccount = await SignInAsync(stranger, "nobody@example.org", "whatever it is");
        var adminElsewhere = await SignInAsync(admin, "slow@example.org", Browserless.Password);

        Assert.Equal(6, guesses.Count);
        Assert.All(guesses, g => Assert.Equal((HttpStatusCode.OK, "Wrong email or password.", 1), g));
        Assert.Equal((HttpStatusCode.OK, "Wrong email or password.", 1), strangerWithRightPassword);
        Assert.Equal((HttpStatusCode.OK, "Wrong email or password.", 1), unknownAccount);
        Assert.Equal((HttpStatusCode.Redirect, "", 1), adminElsewhere);
    }

    [Fact]
    public async Task Sign_out_in_the_header_ends_the_session()
    {
        using var client = await Browserless.SignedInAsync(_app, "leaving@example.org", admin: true);

        var signedOut = await Browserless.SubmitFormAsync(client, "/", "header form.inline-form");
        var admin = await client.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.True(admin.StatusCode == HttpStatusCode.Redirect && admin.Headers.Location!.OriginalString.Contains("/account/login"), $"GET /admin after signing out: {admin.StatusCode}");
    }

    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_session_cookie()
    {
        using (await Browserless.SignedInAsync(_app, "copied@example.org", admin: true)) { }
        using var browser = Browserless.Client(_app);
        var signedIn = await Browserless.PostFormAsync(browser, "/account/login", new() { ["Input.Email"] = "copied@example.org", ["Input.Password"] = Browserless.Password });
        var saved = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aggregator.auth=", StringComparison.Ordinal)).Split(';')[0];
        async Task<HttpResponseMessage> AuditWithSavedCookieAsync()
        {
            using var elsewhere = Browserless.Client(_app);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/audit");
            request.Headers.Add("Cookie", saved);
            return await elsewhere.SendAsync(request);
        }
        Assert.Equal(HttpStatusCode.OK, (await AuditWithSavedCookieAsync()).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Browserless.SubmitFormAsync(browser, "/", "header form.inline-form")).StatusCode);

        var replayed = await AuditWithSavedCookieAsync();
        Assert.True(replayed.StatusCode == HttpStatusCode.Redirect && replayed.Headers.Location!.OriginalString.Contains("/account/login"),
            $"GET /admin/audit with a cookie saved before signing out: {replayed.StatusCode}");
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_and_strict_like_the_sign_in_cookie()
    {
        using var client = Browserless.Client(_app);
        var page = await client.GetAsync("/account/login");
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aggregator.antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie);
        Assert.Contains("; samesite=strict", cookie);
        Assert.Contains("; httponly", cookie);
    }

    [Fact]
    public async Task A_sign_in_without_an_email_asks_for_one_instead_of_failing()
    {
        using var client = Browserless.Client(_app);

        var response = await Browserless.PostFormAsync(client, "/account/login", new() { ["Input.Password"] = "whatever it is" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your email and password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_account_a_wrong_password_and_a_slowed_down_account_get_the_same_answer()
    {
        using (await Browserless.SignedInAsync(_app, "known@example.org", admin: true)) { }
        using var client = Browserless.Client(_app);
        Task<HttpResponseMessage> SignIn(string email) =>
            Browserless.PostFormAsync(client, "/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong password here" });

        var unknown = await SignIn("nobody@example.org");
        var wrong = await SignIn("known@example.org");
        for (var i = 0; i < 4; i++) await SignIn("known@example.org");
        var slowed = await SignIn("known@example.org");

        string Alert(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("[role=alert]")!.TextContent;
        var answers = new List<(HttpStatusCode, string)>();
        foreach (var response in new[] { unknown, wrong, slowed })
            answers.Add((response.StatusCode, Alert(await response.Content.ReadAsStringAsync())));
        answers = answers.Distinct().ToList();
        Assert.Equal([(HttpStatusCode.OK, "Wrong email or password.")], answers);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_client_are_limited_per_minute()
    {
        using var client = Browserless.Client(_app);
        var token = await Browserless.AntiforgeryTokenAsync(client, "/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Aggregator.Admin.AdminAuthentication.SignInAttemptsPerMinute; i++)
            statuses.Add((await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = $"guess{i}@example.org", ["Input.Password"] = "a guessed password", ["__RequestVerificationToken"] = token,
            }))).StatusCode);

        Expect.All(statuses.SkipLast(1), 10, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task There_is_no_public_sign_up()
    {
        using var client = Browserless.Client(_app);
        foreach (var path in new[] { "/account/register", "/identity/account/register", "/register" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
