namespace Aggregator.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true asynchronously (a scheduler starting, a job firing), with a deadline.</summary>
public static class Eventually
{
    /// <summary>
    /// The first value of <paramref name="probe"/> that is <paramref name="done"/>. At the deadline the test fails, naming
    /// <paramref name="waitingFor"/> and the last value seen: a wait that runs out is a failure, never a silent pass.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(string waitingFor, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        // Generous: background work (Hangfire start-up jobs) runs late when the whole suite shares two cores with Chromium.
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Waited {limit.TotalSeconds:0} s for {waitingFor}; the last value was {Describe(value)}.");
            await Task.Delay(50);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        string text => text.Length > 200 ? $"\"{text[..200]}…\"" : $"\"{text}\"",
        _ => value.ToString() ?? "",
    };
}
