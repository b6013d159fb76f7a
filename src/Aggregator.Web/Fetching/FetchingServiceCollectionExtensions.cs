using System.Net;
using Microsoft.Extensions.Options;

namespace Aggregator.Fetching;

public static class FetchingServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddFetching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FetchOptions>().Bind(builder.Configuration.GetSection(FetchOptions.Section));
        builder.Services.AddSingleton<HostThrottle>();
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<PublicAddressGuard>();
        builder.Services.AddHttpClient(HttpFeedTransport.ClientName, (services, client) =>
            {
                var settings = services.GetRequiredService<IOptions<FetchOptions>>().Value;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1");
                // The transport applies its own whole-request timeout, body included.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                // Every connection, redirects included, goes only to addresses the guard allows; no proxy from the
                // environment (the guard would see only the proxy), only one an operator set (FetchOptions.Proxy).
                ConnectCallback = services.GetRequiredService<PublicAddressGuard>().ConnectAsync,
                UseProxy = services.GetRequiredService<IOptions<FetchOptions>>().Value.Proxy is { Length: > 0 },
                Proxy = services.GetRequiredService<IOptions<FetchOptions>>().Value.Proxy is { Length: > 0 } proxy ? new WebProxy(proxy) : null,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        builder.Services.AddSingleton<HttpFeedTransport>();
        builder.Services.AddSingleton<ReplayFeedTransport>();
        builder.Services.AddSingleton<PublisherLinkResolver>();
        builder.Services.AddOptions<PublisherLinkOptions>().Bind(builder.Configuration.GetSection(PublisherLinkOptions.Section));
        builder.Services.AddOptions<ArticleTextOptions>().Bind(builder.Configuration.GetSection(ArticleTextOptions.Section));
        builder.Services.AddSingleton<HttpArticlePageSource>();
        builder.Services.AddSingleton<ReplayArticlePageSource>();
        builder.Services.AddSingleton<IArticlePageSource>(services =>
            string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<FetchOptions>>().Value.ReplayDirectory)
                ? services.GetRequiredService<HttpArticlePageSource>()
                : services.GetRequiredService<ReplayArticlePageSource>());
        builder.Services.AddSingleton<IFeedTransport>(services =>
            string.IsNullOrWhiteSpace(services.GetRequiredService<IOptions<FetchOptions>>().Value.ReplayDirectory)
                ? services.GetRequiredService<HttpFeedTransport>()
                : services.GetRequiredService<ReplayFeedTransport>());
        return builder;
    }
}
