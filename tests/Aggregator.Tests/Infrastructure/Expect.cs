namespace Aggregator.Tests.Infrastructure;

public static class Expect
{
    /// <summary>
    /// <paramref name="items"/> has exactly <paramref name="count"/> items, and each passes <paramref name="inspector"/>:
    /// an empty or short collection fails here instead of passing every check vacuously.
    /// </summary>
    public static void All<T>(IEnumerable<T> items, int count, Action<T> inspector)
    {
        var list = items.ToList();
        Assert.True(count == list.Count, $"expected {count} items to inspect, found {list.Count}");
        Assert.All(list, inspector);
    }
}
