using Hangfire.Dashboard;

namespace Aggregator.Admin;

/// <summary>Opens Hangfire's dashboard to signed-in admins only, by the app's own cookie sign-in and roles.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(AdminAccounts.AdminRole);
}
