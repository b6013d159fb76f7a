using System.Collections.Concurrent;

namespace Aggregator.Admin;

/// <summary>
/// Slows down password guessing without letting anyone lock an admin out. Failures are counted per account and
/// client address: after <see cref="FreeFailures"/> of them, that client must wait before its next attempt on that
/// account, twice as long after each further failure, up to <see cref="MaxWait"/>. Attempts made while waiting are
/// answered like a wrong password and not counted. Another client (the admin at their own desk) is never slowed by a
/// stranger's failures, and a client's own wait is over within <see cref="MaxWait"/>. Kept per instance, in memory:
/// the per-client sign-in rate limit bounds what spreading over instances gains.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int FreeFailures = 3;
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);
    /// <summary>Failures this old are forgotten.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    private sealed record Failures(int Count, DateTimeOffset Last, DateTimeOffset WaitUntil);

    private readonly ConcurrentDictionary<(string Account, string Client), Failures> _failures = new();

    /// <summary>Whether this client may try this account now.</summary>
    public bool MayTry(string account, string client)
    {
        var now = clock.GetUtcNow();
        return !_failures.TryGetValue(Key(account, client), out var failures) || failures.WaitUntil <= now || now - failures.Last > Memory;
    }

    public void Failed(string account, string client)
    {
        var now = clock.GetUtcNow();
        Forget(now);
        _failures.AddOrUpdate(Key(account, client),
            _ => new Failures(1, now, now),
            (_, previous) =>
            {
                var count = now - previous.Last > Memory ? 1 : previous.Count + 1;
                return new Failures(count, now, now + WaitAfter(count));
            });
    }

    public void Succeeded(string account, string client) => _failures.TryRemove(Key(account, client), out _);

    /// <summary>The wait after the <paramref name="count"/>th failure in a row.</summary>
    public static TimeSpan WaitAfter(int count) =>
        count <= FreeFailures ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(MaxWait.Ticks, FirstWait.Ticks << Math.Min(count - FreeFailures - 1, 30)));

    private static (string, string) Key(string account, string client) => (account.Trim().ToUpperInvariant(), client);

    /// <summary>Drops entries past <see cref="Memory"/>, so guesses at many made-up accounts cannot fill the memory.</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_failures.Count < 10_000) return;
        foreach (var (key, failures) in _failures)
            if (now - failures.Last > Memory) _failures.TryRemove(key, out _);
    }
}
