namespace Aggregator.Hosting;

/// <summary>
/// Headers every response carries: a content security policy that allows no inline or foreign script and no framing,
/// no MIME sniffing, and only the origin as referrer to the outlets readers click through to. Inline styles stay
/// allowed: the balance bar sizes its sides with a style attribute.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            await next();
        });
        return app;
    }
}
