namespace Aggregator.Hosting;

/// <summary>
/// Reader pages have one spelling: lower case, no trailing slash. Any other spelling of one (<c>/TOPICS/us-china/</c>)
/// is redirected (301) to it, so the output cache holds one entry per page, not one per spelling a client invents.
/// </summary>
public static class CanonicalPaths
{
    private static readonly string[] ReaderPrefixes = ["/topics", "/stories", "/articles", "/outlets"];

    public static string? CanonicalOf(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value == "/") return null;
        if (!ReaderPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))) return null;
        var canonical = value.ToLowerInvariant().TrimEnd('/');
        return canonical == value || canonical.Length == 0 ? null : canonical;
    }

    public static IApplicationBuilder UseCanonicalPaths(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && CanonicalOf(context.Request.Path) is { } canonical)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            // Escaped as a URI component: a path may hold anything a client sent, CR/LF included.
            context.Response.Headers.Location = (context.Request.PathBase + new PathString(canonical)).ToUriComponent() + context.Request.QueryString.ToUriComponent();
            return;
        }
        await next(context);
    });
}
