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

    private async Task<Highlights> HighlightAsync(string timeout = "00:00:05", string? endpoint = null, HighlightRequest? request = null)
    {
        await using var services = Services(timeout, endpoint);
        return await services.GetRequiredService<IHighlighter>().HighlightAsync(request ?? Request, CancellationToken.None);
    }

    /// <summary>The LLM highlighter alone, which throws the detailed reason the configured one logs.</summary>
    private async Task<Highlights> LlmAsync()
    {
        await using var services = Services("00:00:05", null);
        return await services.GetRequiredService<LlmHighlighter>().HighlightAsync(Request, CancellationToken.None);
    }

    private ServiceProvider Services(string timeout, string? endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Highlights:Mode"] = "llm",
            ["Highlights:Llm:Endpoint"] = endpoint ?? _server.Urls.Single() + "/v1",
            ["Highlights:Llm:Model"] = "test-model",
            ["Highlights:Llm:ApiKey"] = "secret-key",
            ["Highlights:Llm:Timeout"] = timeout,
        }).Build();
        return new ServiceCollection().AddLogging().AddHighlighting(configuration).BuildServiceProvider();
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
    public async Task Articles_whose_pages_were_read_reach_the_llm_with_their_lead_sentence()
    {
        AnswerWith(GoodAnswer);
        var withLeads = Request with
        {
            Leads = new Dictionary<long, string> { [5] = "Campaigning opened on Monday for the January vote. Polls show a close race." },
        };

        var highlights = await HighlightAsync(request: withLeads);

        Assert.Equal("llm", highlights.Highlighter);
        Assert.Contains(@"- [us] Taiwan election campaign opens (US 2, 2026-01-12, source ", _lastRequest);
        Assert.Matches(@"Taiwan election campaign opens \(US 2, 2026-01-12, source \d\)\\n  lead: Campaigning opened on Monday for the January vote\.\\n", _lastRequest);
        Assert.DoesNotContain("Polls show a close race", _lastRequest);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(_lastRequest!, "  lead: "));
    }

    [Fact]
    public async Task Malformed_json_falls_back_to_extractive_and_says_why()
    {
        AnswerWith("{\"overall\": [\"unterminated");

        var highlights = await HighlightAsync();

        Assert.Equal("extractive", highlights.Highlighter);
        Assert.Equal("LLM not used: the LLM's answer was not usable", highlights.Note);
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

        Assert.Equal(("extractive", "LLM not used: the LLM endpoint could not be used"), (highlights.Highlighter, highlights.Note));
    }

    [Fact]
    public async Task A_timeout_falls_back_to_extractive()
    {
        _answer = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

        var highlights = await HighlightAsync(timeout: "00:00:00.500");

        Assert.Equal(("extractive", "LLM not used: the LLM did not answer in time"), (highlights.Highlighter, highlights.Note));
    }

    [Theory]
    [InlineData("links", "See https://example.com for more.", "contains a link")]
    [InlineData("a domain", "Sign in at evil.xyz/login to read on.", "contains a link")]
    [InlineData("a bare domain", "Details on example.co.uk today.", "contains a link")]
    [InlineData("markup", "**Bold** claims about tariffs.", "contains markup")]
    [InlineData("too few", null, "has 1 bullets")]
    [InlineData("a repeat", "Second bullet.", "the bullet \"Second bullet.\" appears 2 times")]
    public async Task Answers_with_links_markup_or_wrong_counts_are_refused(string _, string? badBullet, string reason)
    {
        AnswerWith(badBullet is null
            ? new { overall = new[] { "Only one bullet." }, perspectives = new Dictionary<string, string[]> { ["us"] = ["a b", "c d", "e f"], ["china"] = ["g h", "i j", "k l"] } }
            : new { overall = new[] { badBullet, "Second bullet.", "Third bullet." }, perspectives = new Dictionary<string, string[]> { ["us"] = ["a b", "c d", "e f"], ["china"] = ["g h", "i j", "k l"] } });

        var highlights = await HighlightAsync();
        var refusal = await Assert.ThrowsAsync<LlmHighlightException>(() => LlmAsync());

        Assert.Equal(("extractive", "LLM not used: the LLM's answer was not usable"), (highlights.Highlighter, highlights.Note));
        Assert.Contains(reason, refusal.Message);
    }

    [Fact]
    public async Task Abbreviations_and_figures_are_not_taken_for_domains()
    {
        AnswerWith(new
        {
            overall = new[] { "U.S. and China traded claims on Jan. 12.", "Exports rose 3.5% in May, a.m. data showed.", "Both sides cited the U.S.-China talks." },
            perspectives = new Dictionary<string, string[]> { ["us"] = ["a b", "c d", "e f"], ["china"] = ["g h", "i j", "k l"] },
        });

        var highlights = await HighlightAsync();

        Assert.Equal(("llm", null), (highlights.Highlighter, highlights.Note));
    }

    [Fact]
    public async Task Control_characters_and_bidi_overrides_in_bullets_are_cleaned_like_feed_text()
    {
        AnswerWith(new
        {
            overall = new[] { "Null\u0000byte in a bullet.", "A bell\u0007 rings here.", "Reversed \u202Etext\u202C here." },
            perspectives = new Dictionary<string, string[]> { ["us"] = ["a\u0000b", "c d", "e f"], ["china"] = ["g h", "i j", "k l"] },
        });

        var highlights = await HighlightAsync();

        Assert.Equal("llm", highlights.Highlighter);
        var texts = highlights.Overall.Concat(highlights.PerSide.Values.SelectMany(b => b)).Select(b => b.Text).ToList();
        Assert.Equal(9, texts.Count);
        Assert.All(texts, text => Assert.DoesNotContain(text, c => char.IsControl(c) || c is '\u202E' or '\u202C'));
        Assert.Equal("Null byte in a bullet.", highlights.Overall[0].Text);
    }

    [Fact]
    public async Task An_answer_over_a_megabyte_is_not_read_and_falls_back()
    {
        _answer = async context =>
        {
            context.Response.ContentType = "application/json";
            var filler = new string('x', 64 * 1024);
            await context.Response.WriteAsync("{\"choices\":[{\"message\":{\"content\":\"");
            for (var i = 0; i < 64; i++) await context.Response.WriteAsync(filler); // 4 MB, no Content-Length
            await context.Response.WriteAsync("\"}}]}");
        };

        var highlights = await HighlightAsync();
        var refusal = await Assert.ThrowsAsync<LlmHighlightException>(() => LlmAsync());

        Assert.Equal(("extractive", "LLM not used: the LLM's answer was too large"), (highlights.Highlighter, highlights.Note));
        Assert.Equal(LlmFailure.TooLarge, refusal.Failure);
    }

    [Fact]
    public async Task A_refused_connection_is_published_without_the_endpoints_address()
    {
        var highlights = await HighlightAsync(endpoint: "http://127.0.0.1:1/v1");

        Assert.Equal(("extractive", "LLM not used: the LLM endpoint could not be used"), (highlights.Highlighter, highlights.Note));
    }

    [Fact]
    public async Task An_answer_with_a_huge_property_name_falls_back_with_a_note_that_fits_its_column()
    {
        AnswerWith("{\"overall\": [\"a b\", \"c d\", \"e f\"], \"" + new string('k', 5_000) + "\": 1, \"perspectives\": {\"us\": [\"a b\", \"c d\", \"e f\"], \"" + new string('z', 5_000) + "\": [\"x\"]}}");

        var highlights = await HighlightAsync();

        Assert.Equal("extractive", highlights.Highlighter);
        Assert.Equal("LLM not used: the LLM's answer was not usable", highlights.Note);
        Assert.True(highlights.Note!.Length <= Aggregator.Model.ColumnLengths.HighlighterNote);
    }
}
