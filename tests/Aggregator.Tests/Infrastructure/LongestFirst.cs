using Xunit.Abstractions;

namespace Aggregator.Tests.Infrastructure;

/// <summary>
/// Marks a test class that takes tens of seconds (the real model on a corpus, child processes, app instances), with
/// about how many it took alone on 2 cores.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    public int Seconds => seconds;
}

/// <summary>
/// Starts the test classes marked <see cref="RunsLongAttribute"/> first, longest first, then the rest in name order:
/// with two classes running at a time, a long class that happens to start last leaves a core idle while it finishes alone.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(SecondsOf).ThenBy(c => c.DisplayName, StringComparer.Ordinal).ToList();

    private static int SecondsOf(ITestCollection collection)
    {
        // A named collection is marked on its definition; a class without a [Collection] is its own collection, named
        // "Test collection for <full class name>".
        const string prefix = "Test collection for ";
        var type = (collection.CollectionDefinition as IReflectionTypeInfo)?.Type
            ?? (collection.DisplayName.StartsWith(prefix, StringComparison.Ordinal)
                ? typeof(LongestFirst).Assembly.GetType(collection.DisplayName[prefix.Length..])
                : null);
        return type?.GetCustomAttributes(typeof(RunsLongAttribute), inherit: false).Cast<RunsLongAttribute>().FirstOrDefault()?.Seconds ?? 0;
    }
}
