namespace Aggregator.Fetching;

/// <summary>Reading what a server sends, within limits: every outbound reader (feeds, pages, Google's look-ups) reads this way.</summary>
public static class HttpBodies
{
    /// <summary>
    /// The body, or null when it is over <paramref name="maxBytes"/>: a declared length over the cap is refused before
    /// reading, and reading stops as soon as the bytes pass it (a server that sends no length cannot fill memory).
    /// </summary>
    public static async Task<byte[]?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The address guard's refusal behind a failed request, however the handler wrapped it.</summary>
    public static BlockedAddressException? BlockedAddress(Exception e) =>
        e as BlockedAddressException ?? (e.InnerException is { } inner ? BlockedAddress(inner) : null);
}
