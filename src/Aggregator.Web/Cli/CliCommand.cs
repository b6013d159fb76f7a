namespace Aggregator.Cli;

/// <summary>One operator verb of the executable (<c>Aggregator.Web &lt;verb&gt; …</c>).</summary>
public abstract class CliCommand
{
    public abstract string Name { get; }
    /// <summary>The synopsis shown in help and after a usage error, e.g. "create-admin --email &lt;e&gt; --password &lt;p&gt;".</summary>
    public abstract string Usage { get; }
    public abstract string Summary { get; }
    public virtual IReadOnlyCollection<string> Options => [];
    /// <summary>Options that take no value.</summary>
    public virtual IReadOnlyCollection<string> Flags => [];
    public virtual int MaxPositionals => 0;
    /// <summary>Whether the database is brought up to date before the verb runs (as the web app does at start-up).</summary>
    public virtual bool MigratesFirst => true;

    /// <summary>Runs the verb; returns the process exit code. Throw <see cref="CliUsageException"/> for bad input.</summary>
    public abstract Task<int> RunAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken);
}
