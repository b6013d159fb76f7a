using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Aggregator.Hosting;

/// <summary>How the app is reached from outside ("Hosting" section): behind which proxies, at which address.</summary>
public sealed class PublicSiteOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// The address readers use (https://news.example.org/). Absolute links (the Atom feed) are built from it, never from
    /// a request's Host header. Empty: from the request, for local use.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For/-Proto headers are believed; loopback always is.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Sign-in cookies only over HTTPS. On by default outside Development; off only for plain-HTTP trials.</summary>
    public bool? SecureCookies { get; set; }

    public Uri? PublicBase => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
        : null;
}

public static class PublicSiteExtensions
{
    public static IHostApplicationBuilder AddPublicSite(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(PublicSiteOptions.Section).Get<PublicSiteOptions>() ?? new PublicSiteOptions();
        builder.Services.Configure<PublicSiteOptions>(builder.Configuration.GetSection(PublicSiteOptions.Section));
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in settings.TrustedProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
                else if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
                else throw new Storage.MissingConfigurationException($"Hosting:TrustedProxies: '{proxy}' is neither an address nor a network (10.0.0.0/8).");
            }
        });
        return builder;
    }

    /// <summary>The site's root for absolute links: the configured public address, else the request's own.</summary>
    public static Uri SiteRoot(this HttpRequest request, PublicSiteOptions options) =>
        options.PublicBase ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
