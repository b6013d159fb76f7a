using System.Net;
using Aggregator.Admin;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Admin;

/// <summary>Several instances on one database share one data-protection key ring, stored encrypted.</summary>
public sealed class SharedSignInTests(SeededTestDatabase database) : IClassFixture<SeededTestDatabase>
{
    [Fact]
    public async Task An_admin_signed_in_on_one_instance_is_signed_in_on_another_and_the_stored_keys_are_encrypted()
    {
        await using var first = new AppFactory(database.ConnectionString);
        await using var second = new AppFactory(database.ConnectionString);
        await using (var scope = first.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<AdminAccounts>().EnsureAdminAsync("shared@example.org", Browserless.Password)).Succeeded);
        using var onFirst = Browserless.Client(first);
        var signedIn = await Browserless.PostFormAsync(onFirst, "/account/login", new() { ["Input.Email"] = "shared@example.org", ["Input.Password"] = Browserless.Password });
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aggregator.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var onSecond = Browserless.Client(second);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin");
        request.Headers.Add("Cookie", cookie);
        var admin = await onSecond.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        await using var db = database.CreateContext();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("<masterKey", xml));
        Assert.All(keys, xml => Assert.Contains("aesGcm", xml));
    }
}
