using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aggregator.Pages.Admin;

/// <summary>Admin pages record who acted in the audit log.</summary>
public abstract class AdminPageModel : PageModel
{
    protected string Actor => User.Identity?.Name ?? "unknown";

    protected void Status(string message) => TempData["Status"] = message;
}
