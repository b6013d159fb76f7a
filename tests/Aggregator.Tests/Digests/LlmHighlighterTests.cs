using System.Text.Json;
using Aggregator.Digests;
using Aggregator.Digests.Highlighting;
using Aggregator.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aggregator.Tests.Digests;

/// <summary>The LLM highlighter against a fake OpenAI-compatible server on 127.0.0.1.</summary>
public sealed class LlmHighlighterTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private Func<HttpContext, Task> _answer = _ => Task.CompletedTask;
    private string? _lastRequest;
    private string? _lastAuthorization;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/v1/chat/completions", async context =>
        {
            _lastAuthorization = context.Request.Headers.Authorization.ToString();
            _lastRequest = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await _answer(context);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static readonly HighlightRequest Request = BuildRequest();

    private static HighlightRequest BuildRequest()
    {
        var at = new DateTimeOffset(2026, 1, 12, 1, 0, 0, TimeSpan.Zero);
        string[] headlines = ["Tariff deadline looms for soybean exporters", "Pentagon budget adds shipyard funding", "Taiwan election campaign opens"];
        var candidates = headlines.SelectMany((h, i) => new[]
        {
            new DigestCandidate(i * 2 + 1, i + 1, Side.Us, i, $"US {i}", h, at.AddMinutes(-i)),
            new DigestCandidate(i * 2 + 2, i + 1, Side.China, 10 + i, $"CN {i}", h + " say officials", at.AddMinutes(-i - 1)),
        }).ToList();
        var sides = new[] { new NamedSide(Side.Us, "United States"), new NamedSide(Side.China, "China") };
        return new HighlightRequest("US vs China", sides, DigestSelector.Select(candidates, [Side.Us, Side.China], 10));
    }

    private async Task<Highlights> HighlightAsync(string timeout = "00:00:05")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Highlights:Mode"] = "llm",
            ["Highlights:Llm:Endpoint"] = _server.Urls.Single() + "/v1",
            ["Highlights:Llm:Model"] = "test-model",
            ["Highlights:Llm:ApiKey"] = "secret-key",
            ["Highlights:Llm:Timeout"] = timeout,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddHighlighting(configuration).BuildServiceProvider();
        return await services.GetRequiredService<IHighlighter>().HighlightAsync(Request, CancellationToken.None);
    }

    private void AnswerWith(object content) => _answer = context => context.Response.WriteAsJsonAsync(new
    {
        choices = new[] { new { message = new { role = "assistant", content = content as string ?? JsonSerializer.Serialize(content) } } },
    });

    private static readonly object GoodAnswer = new
    {
        overall = new[] { "Both sides covered the soybean tariff deadline.", "Shipyard funding drew attention on both sides.", "Taiwan's election campaign was reported by both." },
        perspectives = new Dictionary<string, string[]>
        {
            ["us"] = ["US outlets led with the tariff deadline.", "US outlets covered shipyard funding.", "US outlets noted Taiwan's campaign."],
            ["china"] = ["Chinese outlets quoted officials on tariffs.", "Chinese outlets reported the shipyard budget.", "Chinese outlets covered Taiwan's campaign."],
        },
    };

    [Fact]
    public async Task A_valid_answer_becomes_the_highlights_and_the_request_carries_model_key_and_headlines_by_story()
    {
        AnswerWith(GoodAnswer);

        var highlights = await HighlightAsync();

        Assert.Equal(("llm", null), (highlights.Highlighter, highlights.Note));
        Assert.Equal("Both sides covered the soybean tariff deadline.", highlights.Overall[0].Text);
        Assert.Equal(3, highlights.PerSide[Side.China].Count);
        Assert.Equal("Bearer secret-key", _lastAuthorization);
        Assert.Contains("\"model\":\"test-model\"", _lastRequest);
        Assert.Contains("\\u0022china\\u0022 (China outlets)", _lastRequest);
        // Grouped by story: the story's two sides together, each headline with its outlet and source number.
        Assert.Matches(@"Story \d \(covered by both sides\):\\n- \[us\] Taiwan election campaign opens \(US 2, 2026-01-12, source \d\)\\n- \[china\] Taiwan election campaign opens say officials \(CN 2, 2026-01-12, source \d\)", _lastRequest);
    }

    [Fact]
    public async Task Malformed_json_falls_back_to_extractive_and_says_why()
    {
        AnswerWith("{\"overall\": [\"unterminated");

        var highlights = await HighlightAsync();

        Assert.Equal("extractive", highlights.Highlighter);
        Assert.StartsWith("LLM not used: the LLM answer is not the JSON asked for", highlights.Note);
        Assert.Equal(ExtractiveHighlighter.Write(Request).Overall, highlights.Overall);
    }

    [Fact]
    public async Task A_server_error_falls_back_to_extractive()
    {
        _answer = context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };

        var highlights = await HighlightAsync();

        Assert.Equal(("extractive", "LLM not used: the LLM endpoint answered HTTP 500"), (highlights.Highlighter, highlights.Note));
    }

    [Fact]
    public async Task A_timeout_falls_back_to_extractive()
    {
        _answer = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

        var highlights = await HighlightAsync(timeout: "00:00:00.500");

        Assert.Equal(("extractive", "LLM not used: the LLM did not answer within 0.5 s"), (highlights.Highlighter, highlights.Note));
    }

    [Theory]
    [InlineData("links", "See https://example.com for more.", "contains a link")]
    [InlineData("markup", "**Bold** claims about tariffs.", "contains markup")]
    [InlineData("too few", null, "has 1 bullets")]
    public async Task Answers_with_links_markup_or_wrong_counts_are_refused(string _, string? badBullet, string reason)
    {
        AnswerWith(badBullet is null
            ? new { overall = new[] { "Only one bullet." }, perspectives = new Dictionary<string, string[]> { ["us"] = ["a b", "c d", "e f"], ["china"] = ["a b", "c d", "e f"] } }
            : new { overall = new[] { badBullet, "Second bullet.", "Third bullet." }, perspectives = new Dictionary<string, string[]> { ["us"] = ["a b", "c d", "e f"], ["china"] = ["a b", "c d", "e f"] } });

        var highlights = await HighlightAsync();

        Assert.Equal("extractive", highlights.Highlighter);
        Assert.Contains(reason, highlights.Note);
    }
}
