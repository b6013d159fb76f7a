using System.Net;
using Aggregator.Fetching;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Fetching;

/// <summary>
/// Feeds are fetched only from public addresses. Names resolve through a table this test controls, and refused
/// addresses are refused before any connection is attempted, so nothing here ever leaves loopback.
/// </summary>
public sealed class PublicAddressGuardTests(ResettableTestDatabase database) : IClassFixture<ResettableTestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database = database;
    private FeedServer _server = null!;

    private sealed class ResolverTable(Dictionary<string, IPAddress> table) : IHostResolver
    {
        public List<string> Asked { get; } = [];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Asked.Add(host);
            return Task.FromResult(table.TryGetValue(host, out var address) ? [address] : Array.Empty<IPAddress>());
        }
    }

    private readonly ResolverTable _resolver = new(new Dictionary<string, IPAddress>
    {
        ["metadata.internal.example"] = IPAddress.Parse("169.254.169.254"),
        ["intranet.example"] = IPAddress.Parse("10.1.2.3"),
        ["router.example"] = IPAddress.Parse("192.168.1.1"),
        ["v6.internal.example"] = IPAddress.Parse("fd00::1"),
        ["feeds.local.example"] = IPAddress.Loopback,
    });

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _server = await FeedServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private async Task<Dictionary<string, FetchRun>> RefreshAsync(IReadOnlyDictionary<string, string?> settings, params Feed[] feeds)
    {
        await using (var db = _database.CreateContext())
            await TestData.AddTopicAsync(db, "guarded", feeds);
        await using var services = TestServices.Create(_database.ConnectionString, settings, s => s.AddSingleton<IHostResolver>(_resolver));
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TopicRefresher>().RefreshAsync("guarded", FetchTriggers.Cli, onlyDue: false, CancellationToken.None);
        await using var check = _database.CreateContext();
        var names = await check.Feeds.ToDictionaryAsync(f => f.Id, f => f.Name);
        return (await check.FetchRuns.ToListAsync()).ToDictionary(r => names[r.FeedId!.Value]);
    }

    [Fact]
    public async Task Names_that_resolve_to_metadata_private_or_unique_local_addresses_are_refused_before_connecting()
    {
        var runs = await RefreshAsync(new Dictionary<string, string?>(),
            TestData.DirectFeed("metadata", new Uri("http://metadata.internal.example/latest/meta-data/")),
            TestData.DirectFeed("intranet", new Uri("http://intranet.example/feed.xml")),
            TestData.DirectFeed("router", new Uri("http://router.example/feed.xml")),
            TestData.DirectFeed("v6", new Uri("http://v6.internal.example/feed.xml")));

        Expect.All(runs.Values, 4, run => Assert.Equal((FetchOutcome.Failed, "blocked-address"), (run.Outcome, run.ErrorKind)));
        Assert.Contains("169.254.169.254", runs["metadata"].Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/feeds/atom.xml")]
    [InlineData("http://2130706433:{port}/feeds/atom.xml")]
    [InlineData("http://[::1]:{port}/feeds/atom.xml")]
    [InlineData("http://feeds.local.example:{port}/feeds/atom.xml")]
    public async Task Loopback_in_any_spelling_is_refused_unless_allowed(string url)
    {
        var settings = new Dictionary<string, string?> { ["Fetching:AllowedAddresses:0"] = "", ["Fetching:AllowedAddresses:1"] = "" };

        var runs = await RefreshAsync(settings, TestData.DirectFeed("loopback", new Uri(url.Replace("{port}", _server.BaseUri.Port.ToString()))));

        Assert.Equal((FetchOutcome.Failed, "blocked-address"), (runs["loopback"].Outcome, runs["loopback"].ErrorKind));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_refused_at_that_hop()
    {
        var runs = await RefreshAsync(new Dictionary<string, string?>(),
            TestData.DirectFeed("redirected", _server.Url("/redirect?to=" + Uri.EscapeDataString("http://intranet.example/admin"))));

        Assert.Equal((FetchOutcome.Failed, "blocked-address"), (runs["redirected"].Outcome, runs["redirected"].ErrorKind));
        Assert.Equal(["/redirect"], _server.Requests.Select(r => r.Path));
        Assert.Contains("intranet.example", _resolver.Asked);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    // IPv6 forms with an IPv4 address inside: the embedded address decides.
    [InlineData("64:ff9b::a9fe:a9fe", false)]      // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::808:808", true)]         // NAT64 of 8.8.8.8
    [InlineData("64:ff9b:1::a00:1", false)]        // local-use NAT64
    [InlineData("2002:a9fe:a9fe::1", false)]       // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:0101::1", false)]       // 6to4 of 192.168.1.1
    [InlineData("2002:808:808::1", true)]          // 6to4 of 8.8.8.8
    [InlineData("2001:0:4136:e378:8000:63bf:f5fe:fefe", false)] // Teredo of 10.1.1.1 (inverted)
    [InlineData("::a9fe:a9fe", false)]             // IPv4-compatible 169.254.169.254
    [InlineData("::10.0.0.1", false)]
    [InlineData("::ffff:0:a9fe:a9fe", false)]      // IPv4-translated 169.254.169.254
    [InlineData("100::1", false)]                  // discard-only
    public void Only_public_addresses_are_public(string address, bool isPublic)
    {
        Assert.Equal(isPublic, PublicAddressGuard.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public void Feed_fetching_ignores_environment_proxies_and_uses_only_one_an_operator_set()
    {
        static SocketsHttpHandler Handler(IServiceProvider services)
        {
            HttpMessageHandler handler = services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpFeedTransport.ClientName);
            while (handler is DelegatingHandler delegating) handler = delegating.InnerHandler!;
            return Assert.IsType<SocketsHttpHandler>(handler);
        }
        using (var services = TestServices.Create(_database.ConnectionString))
            Assert.False(Handler(services).UseProxy);
        using (var services = TestServices.Create(_database.ConnectionString, new Dictionary<string, string?> { ["Fetching:Proxy"] = "http://127.0.0.1:3128" }))
        {
            var handler = Handler(services);
            Assert.True(handler.UseProxy);
            Assert.Equal(new Uri("http://127.0.0.1:3128/"), ((WebProxy)handler.Proxy!).Address);
        }
    }
}
