using Aggregator.Admin;
using Aggregator.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Aggregator.Pages.Account;

[EnableRateLimiting(AdminAuthentication.SignInRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInThrottle throttle, ILogger<LoginModel> logger) : PageModel
{
    private const string WrongCredentials = "Wrong email or password.";

    /// <summary>A hash to check unknown accounts against, so they cost the same time as known ones.</summary>
    private static string? _decoyHash;

    public sealed record LoginInput(string? Email, string? Password);

    [BindProperty]
    public LoginInput Input { get; set; } = new("", "");

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            Error = "Enter your email and password.";
            return Page();
        }
        var email = Input.Email.Trim();
        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        // Every outcome costs one password hash (an unknown account checks a decoy), and all but success give the same
        // answer: neither time nor text tells whether the account exists or is being slowed down.
        var user = await signIn.UserManager.FindByEmailAsync(email);
        var passwordMatches = user is not null
            ? await signIn.UserManager.CheckPasswordAsync(user, Input.Password)
            : CheckDecoy(email, Input.Password);
        var mayTry = throttle.MayTry(email, client);
        if (user is not null && passwordMatches && mayTry)
        {
            throttle.Succeeded(email, client);
            await signIn.SignInAsync(user, isPersistent: false);
            logger.LogInformation("Admin {Email} signed in", email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        if (mayTry) throttle.Failed(email, client);
        logger.LogWarning("Failed sign-in for {Email} from {Client} (known account: {Known}, waiting: {Waiting})", email, client, user is not null, !mayTry);
        Error = WrongCredentials;
        return Page();
    }

    private bool CheckDecoy(string email, string password)
    {
        var decoy = new AppUser { UserName = email };
        _decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(decoy, _decoyHash, password);
        return false;
    }
}
