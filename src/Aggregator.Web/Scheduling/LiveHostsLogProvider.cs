using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Aggregator.Scheduling;

/// <summary>
/// Hangfire's loggers come from one process-wide provider, which Hangfire's defaults point at the logging of whichever
/// host configured it last. With one host per process (production) this provider is exactly that host's logging. Where
/// several hosts share a process (the test suite's two-instance tests) and the last one has stopped, Hangfire would
/// create loggers from its disposed factory and fail the job or component asking; here loggers come from the newest
/// host still running instead, and write nowhere when none is.
/// </summary>
public sealed class LiveHostsLogProvider : ILogProvider
{
    public static readonly LiveHostsLogProvider Instance = new();

    private static readonly List<AspNetCoreLogProvider> Hosts = [];

    private LiveHostsLogProvider() { }

    /// <summary>Makes <paramref name="loggerFactory"/> the newest running host's until the returned registration is disposed (the host stopping).</summary>
    public static Registration Register(ILoggerFactory loggerFactory)
    {
        var host = new AspNetCoreLogProvider(loggerFactory);
        lock (Hosts) Hosts.Add(host);
        return new Registration(host);
    }

    public ILog GetLogger(string name)
    {
        AspNetCoreLogProvider? newest;
        lock (Hosts) newest = Hosts.LastOrDefault();
        return newest?.GetLogger(name) ?? Silent.Log;
    }

    /// <summary>A host's place in the provider; its services dispose it when the host stops.</summary>
    public sealed class Registration(AspNetCoreLogProvider host) : IDisposable
    {
        public void Dispose()
        {
            lock (Hosts) Hosts.Remove(host);
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Log = new();

        bool ILog.Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception) => false;
    }
}
