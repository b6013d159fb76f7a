using Aggregator.Model;
using Aggregator.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aggregator.Pages.Articles;

/// <summary>Full-text search of stored articles with filters (<see cref="ArticleSearch"/> decides), a page of results at a time.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Aggregator.Admin.AdminAuthentication.ReaderQueryRateLimit)]
public sealed class IndexModel(ArticleSearch search) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public string? Side { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outlet { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public IReadOnlyList<SearchResult> Results { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool Searched => !string.IsNullOrWhiteSpace(Q);
    /// <summary>Why the search was not run, shown in place of results.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await search.EnabledTopicsAsync(cancellationToken);
        if (!Searched) return Page();
        var outcome = await search.SearchAsync(new SearchRequest(Q!, Topic, Side, Outlet, From, To, After), Topics, cancellationToken);
        switch (outcome.Refusal)
        {
            case SearchRefusal.BadInput:
                return BadRequest();
            case SearchRefusal.NothingToFind:
                Refusal = "Add a word to look for: a search of excluded words alone would match almost every article.";
                return Page();
            case SearchRefusal.TooSlow:
                Refusal = "This search took too long. Narrow it: add a word, a side, an outlet or dates.";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
        }
        (Results, NextCursor) = (outcome.Results, outcome.NextCursor);
        return Page();
    }

    /// <summary>This search's query string with another cursor, for the "older results" link.</summary>
    public string PageLink(string cursor) =>
        "/articles" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q, ["topic"] = Topic, ["side"] = Side, ["outlet"] = Outlet,
            ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"), ["after"] = cursor,
        }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
