using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Aggregator.Model;
using Aggregator.Parsing;
using Microsoft.Extensions.Options;

namespace Aggregator.Digests.Highlighting;

/// <summary>The kinds of reason an LLM answer is not used.</summary>
public enum LlmFailure { NotConfigured, Unreachable, Timeout, TooLarge, Unusable }

/// <summary>
/// Why an LLM answer was not used: <see cref="Exception.Message"/> is the detail for the log (it may name the endpoint
/// or quote the answer); <see cref="PublicReason"/> is what a digest may publish.
/// </summary>
public sealed class LlmHighlightException(LlmFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public LlmFailure Failure => failure;

    public string PublicReason => failure switch
    {
        LlmFailure.NotConfigured => "the LLM is not configured",
        LlmFailure.Unreachable => "the LLM endpoint could not be used",
        LlmFailure.Timeout => "the LLM did not answer in time",
        LlmFailure.TooLarge => "the LLM's answer was too large",
        _ => "the LLM's answer was not usable",
    };
}

/// <summary>
/// Asks an OpenAI-compatible /chat/completions endpoint for the highlights, from the digest's headlines grouped by
/// story as the extractive highlighter groups them (both sides first), and accepts the answer only if it is the JSON
/// asked for: 3–5 bullets overall and per side (fewer when there are fewer stories), the same number on every side,
/// each short, with no links and no markup.
/// </summary>
public sealed partial class LlmHighlighter(IHttpClientFactory clients, IOptions<HighlightOptions> options) : IHighlighter
{
    public const string Name = "llm";
    public const string ClientName = "llm";
    public const int MinBullets = 3;
    public const int MaxBullets = 5;

    /// <summary>The largest answer read: a chat completion of a few bullets is a few kilobytes.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Highlights> HighlightAsync(HighlightRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value.Llm;
        if (string.IsNullOrWhiteSpace(settings.Endpoint) || string.IsNullOrWhiteSpace(settings.Model))
            throw new LlmHighlightException(LlmFailure.NotConfigured, "Highlights:Llm:Endpoint and Highlights:Llm:Model must be set");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint.TrimEnd('/') + "/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = settings.Model,
                temperature = 0.2,
                response_format = new { type = "json_object" },
                messages = new object[]
                {
                    new { role = "system", content = SystemPrompt },
                    new { role = "user", content = UserPrompt(request) },
                },
            }),
        };
        if (!string.IsNullOrWhiteSpace(settings.ApiKey))
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);

        string content;
        try
        {
            // Headers first, then the body streamed up to the cap: an endless answer cannot fill the memory.
            using var response = await clients.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new LlmHighlightException(LlmFailure.Unreachable, $"the LLM endpoint answered HTTP {(int)response.StatusCode}");
            using var body = JsonDocument.Parse(await ReadCappedAsync(response.Content, timeout.Token));
            content = body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LlmHighlightException(LlmFailure.Timeout, $"the LLM did not answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new LlmHighlightException(LlmFailure.Unreachable, $"the LLM endpoint could not be reached: {e.Message}", e);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new LlmHighlightException(LlmFailure.Unusable, $"the LLM answer could not be read: {e.Message}", e);
        }
        return Validate(content, request, settings.MaxBulletLength);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes) throw TooLarge();
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static LlmHighlightException TooLarge() =>
        new(LlmFailure.TooLarge, $"the LLM answer is over {MaxResponseBytes:N0} bytes");

    private const string SystemPrompt =
        "You write short, neutral highlights of how two sides' news outlets covered a topic in one day. " +
        "Use only the headlines and leads given; do not invent facts, names or numbers. The headlines come grouped by story; " +
        "an article whose text was read has its lead's first sentence under it. Say what happened where a lead says it. " +
        "In the overall bullets, a story both sides covered is described by comparing the two sides' framings; a story " +
        "only one side covered is said to be covered by that side only. Answer with one JSON object and nothing else: " +
        "{\"overall\": [3 to 5 bullets comparing the sides], \"perspectives\": {\"<side id>\": [3 to 5 bullets on that side's coverage]}}, " +
        "with the same number of bullets for every side. " +
        "Each bullet is one plain sentence under 300 characters: no links, no Markdown, no HTML. No bullet may repeat another.";

    /// <summary>The digest's stories, both sides first, each with its articles per side and their source numbers.</summary>
    private static string UserPrompt(HighlightRequest request)
    {
        var selection = request.Selection;
        var prompt = new StringBuilder($"Topic: {request.TopicName}\n");
        prompt.Append("Sides: ").AppendJoin(", ", request.Sides.Select(s => $"\"{s.Side.ToCode()}\" ({s.Name} outlets)")).Append('\n');
        var number = 0;
        foreach (var story in selection.Selected(request.Sides.Select(s => s.Side).ToList()))
        {
            var covering = request.Sides.Where(s => story.Story.CountOn(s.Side) > 0).ToList();
            var coverage = covering.Count == request.Sides.Count ? "covered by both sides" : $"covered by {string.Join(" and ", covering.Select(s => s.Name))} outlets only";
            prompt.Append($"\nStory {++number} ({coverage}):\n");
            foreach (var article in story.Picked)
            {
                prompt.Append($"- [{article.Side.ToCode()}] {article.Headline} ({article.Outlet}, {article.PublishedAt:yyyy-MM-dd}, source {selection.SourceNumber(article)})\n");
                if (request.LeadSentenceOf(article) is { } lead) prompt.Append($"  lead: {lead}\n");
            }
        }
        return prompt.ToString();
    }

    private static Highlights Validate(string content, HighlightRequest request, int maxLength)
    {
        LlmAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize<LlmAnswer>(content, Json);
        }
        catch (JsonException e)
        {
            throw new LlmHighlightException(LlmFailure.Unusable, $"the LLM answer is not the JSON asked for: {e.Message}", e);
        }
        if (answer?.Overall is null || answer.Sides is null)
            throw new LlmHighlightException(LlmFailure.Unusable, "the LLM answer lacks \"overall\" or \"perspectives\"");

        // Bullets are cleaned exactly as feed text is (controls, bidi overrides, tags, spacing), and must fit their column.
        maxLength = Math.Min(maxLength, ColumnLengths.HighlightText);
        var overall = answer.Overall.Select(FeedText.Clean).ToList();
        var stories = request.Selection.Stories.Count;
        Check("overall", overall, Math.Min(MinBullets, Math.Max(stories, 1)), maxLength);
        var perSide = new Dictionary<Side, IReadOnlyList<Bullet>>();
        foreach (var side in request.Sides)
        {
            var code = side.Side.ToCode();
            if (!answer.Sides.TryGetValue(code, out var bullets))
                throw new LlmHighlightException(LlmFailure.Unusable, $"the LLM answer has no bullets for \"{code}\"");
            var cleaned = bullets.Select(FeedText.Clean).ToList();
            var sideStories = request.Selection.Stories.Count(s => s.CountOn(side.Side) > 0);
            Check(code, cleaned, Math.Min(MinBullets, Math.Max(sideStories, 1)), maxLength);
            perSide[side.Side] = cleaned.Select(b => new Bullet(b)).ToList();
        }
        var repeated = overall.Concat(perSide.Values.SelectMany(b => b.Select(x => x.Text)))
            .GroupBy(b => b.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new LlmHighlightException(LlmFailure.Unusable, $"the bullet \"{repeated.Key}\" appears {repeated.Count()} times");
        if (perSide.Values.Select(b => b.Count).Distinct().Count() > 1)
            throw new LlmHighlightException(LlmFailure.Unusable, $"the sides have different numbers of bullets ({string.Join(", ", perSide.Select(p => $"{p.Key.ToCode()}: {p.Value.Count}"))})");
        return new Highlights(overall.Select(b => new Bullet(b)).ToList(), perSide, Name);
    }

    private static void Check(string section, IReadOnlyList<string> bullets, int min, int maxLength)
    {
        if (bullets.Count < min || bullets.Count > MaxBullets)
            throw new LlmHighlightException(LlmFailure.Unusable, $"\"{section}\" has {bullets.Count} bullets; {min} to {MaxBullets} are needed");
        foreach (var bullet in bullets)
        {
            if (string.IsNullOrWhiteSpace(bullet)) throw new LlmHighlightException(LlmFailure.Unusable, $"\"{section}\" has an empty bullet");
            if (bullet.Length > maxLength) throw new LlmHighlightException(LlmFailure.Unusable, $"a bullet of \"{section}\" is longer than {maxLength} characters");
            if (UrlPattern().IsMatch(bullet)) throw new LlmHighlightException(LlmFailure.Unusable, $"a bullet of \"{section}\" contains a link");
            if (MarkupPattern().IsMatch(bullet)) throw new LlmHighlightException(LlmFailure.Unusable, $"a bullet of \"{section}\" contains markup");
        }
    }

    private sealed record LlmAnswer(List<string>? Overall, [property: JsonPropertyName("perspectives")] Dictionary<string, List<string>>? Sides);

    /// <summary>A scheme, "www.", or anything shaped like a domain name (a dot directly followed by two letters or more).</summary>
    [GeneratedRegex(@"([a-z][a-z0-9+.-]*://|www\.|[\p{L}\p{N}][\p{L}\p{N}-]*\.\p{L}{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(<[a-z/!]|\]\(|^\s*[#>*-]\s|\*\*|`)", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupPattern();
}
