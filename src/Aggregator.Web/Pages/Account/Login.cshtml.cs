using Aggregator.Admin;
using Aggregator.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Aggregator.Pages.Account;

[EnableRateLimiting(AdminAuthentication.SignInRateLimit)]
public sealed class LoginModel(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, ILogger<LoginModel> logger) : PageModel
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
        if (await signIn.UserManager.FindByEmailAsync(email) is null)
        {
            // The same work and the same answer as a wrong password, so neither time nor text tells whether the account exists.
            var decoy = new AppUser { UserName = email };
            _decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(decoy, _decoyHash, Input.Password);
            logger.LogWarning("Failed sign-in for unknown account {Email}", email);
            Error = WrongCredentials;
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Admin {Email} signed in", email);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }
        // A locked account gets the same answer too: "locked" would tell a stranger the account exists.
        logger.LogWarning("Failed sign-in for {Email} (locked out: {LockedOut})", email, result.IsLockedOut);
        Error = WrongCredentials;
        return Page();
    }
}
