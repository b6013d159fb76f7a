using Microsoft.AspNetCore.Identity;

namespace Aggregator.Model;

public sealed class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
