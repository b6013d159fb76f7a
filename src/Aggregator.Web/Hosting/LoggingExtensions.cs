using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Aggregator.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// The logger for what happens before the host's own logger exists, or after it is gone: configuration errors and
    /// crashes at start-up. It writes to stderr in the format the environment's Log__Format asks for.
    /// </summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .Enrich.With<LogValueEscaper>()
            .WriteToConsole(IsJson(Environment.GetEnvironmentVariable("Log__Format")), LogEventLevel.Verbose)
            .CreateLogger();

    /// <summary>
    /// Routes every log (ASP.NET Core, EF Core, Hangfire, ours) through Serilog. Levels and enrichment come from the
    /// "Serilog" section; "Log:Format" picks human text or one JSON object per line. CLI runs write logs to stderr
    /// so that stdout carries only the command's output (an exported digest, for one).
    /// </summary>
    public static IHostApplicationBuilder AddAggregatorLogging(this IHostApplicationBuilder builder, bool logsToStandardError)
    {
        var json = IsJson(builder.Configuration["Log:Format"]);
        LogEventLevel? stderrFrom = logsToStandardError ? LogEventLevel.Verbose : null;
        builder.Logging.ClearProviders();
        // The static Log.Logger stays the bootstrap logger: several hosts in one process (tests) each get their own.
        builder.Services.AddSerilog((services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Instance", Environment.MachineName)
                .Enrich.With<LogValueEscaper>()
                .WriteToConsole(json, stderrFrom),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>
    /// One structured line per request: method, path (never the query string, which may carry secrets), status and
    /// time. Health probes log at Debug, so a load balancer's polling does not drown the log.
    /// </summary>
    public static WebApplication UseAggregatorRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger, not the static bootstrap one (see AddAggregatorLogging).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetLevel = (context, _, exception) =>
                exception is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
        return app;
    }

    /// <summary>The human log line: one event per line, its values escaped (<see cref="LogValueEscaper"/>).</summary>
    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    private static bool IsJson(string? format) => string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);

    private static LoggerConfiguration WriteToConsole(this LoggerConfiguration logger, bool json, LogEventLevel? stderrFrom) => json
        ? logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: stderrFrom)
        : logger.WriteTo.Console(
            outputTemplate: TextTemplate,
            standardErrorFromLevel: stderrFrom,
            formatProvider: System.Globalization.CultureInfo.InvariantCulture);
}
