using Aggregator.Model;
using Microsoft.AspNetCore.Identity;

namespace Aggregator.Admin;

public sealed record AdminAccountResult(bool Succeeded, bool Created, IReadOnlyList<string> Errors);

/// <summary>Creates admins (CLI and first-run bootstrap): the only way accounts come to exist; there is no sign-up.</summary>
public sealed class AdminAccounts(UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public const string AdminRole = "Admin";

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken) =>
        await roles.RoleExistsAsync(AdminRole) && (await users.GetUsersInRoleAsync(AdminRole)).Count > 0;

    public async Task<AdminAccountResult> EnsureAdminAsync(string email, string password)
    {
        if (!await roles.RoleExistsAsync(AdminRole))
            Check(await roles.CreateAsync(new IdentityRole(AdminRole)));

        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        IdentityResult result;
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            result = await users.CreateAsync(user, password);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, token, password);
            if (result.Succeeded) await users.SetLockoutEndDateAsync(user, null);
        }
        if (!result.Succeeded)
            return new AdminAccountResult(false, created, result.Errors.Select(e => e.Description).ToList());
        if (!await users.IsInRoleAsync(user, AdminRole))
            Check(await users.AddToRoleAsync(user, AdminRole));
        return new AdminAccountResult(true, created, []);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
