using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Aggregator.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Routes every log (ASP.NET Core, EF Core, Hangfire, ours) through Serilog. Levels and enrichment come from the
    /// "Serilog" section; "Log:Format" picks human text or one JSON object per line. CLI runs write logs to stderr
    /// so that stdout carries only the command's output (an exported digest, for one).
    /// </summary>
    public static IHostApplicationBuilder AddAggregatorLogging(this IHostApplicationBuilder builder, bool logsToStandardError)
    {
        var json = string.Equals(builder.Configuration["Log:Format"], "json", StringComparison.OrdinalIgnoreCase);
        LogEventLevel? stderrFrom = logsToStandardError ? LogEventLevel.Verbose : null;
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Instance", Environment.MachineName);
            if (json)
                logger.WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: stderrFrom);
            else
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: stderrFrom,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        });
        return builder;
    }
}
