using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aggregator.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "The error has been logged. Please try again later.";

    public void OnGet(int? status)
    {
        (Heading, Explanation) = status switch
        {
            404 => ("Not found", "There is nothing at this address."),
            400 => ("Bad request", "The address is malformed."),
            403 => ("Forbidden", "You do not have access to this page."),
            _ => (Heading, Explanation),
        };
    }
}
