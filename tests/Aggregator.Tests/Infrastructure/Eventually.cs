namespace Aggregator.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true asynchronously (a scheduler starting, a job firing), with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        // Generous: background work (Hangfire start-up jobs) runs late when the whole suite shares two cores with Chromium.
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(50);
        }
    }
}
