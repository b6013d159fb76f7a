using Microsoft.AspNetCore.DataProtection;

namespace Aggregator.Admin;

public static class AdminAuthentication
{
    public const string AdminPolicy = "Admin";

    /// <summary>Sign-in attempts per client address per minute: enough for a person, too few to guess or to lock admins out at will.</summary>
    public const string SignInRateLimit = "sign-in";
    public const int SignInAttemptsPerMinute = 10;
    /// <summary>Reader pages that query the database on every request, or on a cache miss (search, trends).</summary>
    public const string ReaderQueryRateLimit = "reader-queries";
    /// <summary>Per client, unless RateLimits:ReaderQueriesPerMinute says otherwise (the benchmark raises it to measure throughput).</summary>
    public const int ReaderQueriesPerMinute = 60;

    /// <summary>Cookie sign-in for admins; every page under /Admin requires the Admin role; there is no sign-up.</summary>
    public static IHostApplicationBuilder AddAdminArea(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminAccounts>();
        // Several instances share one key ring in the database, so a cookie issued by one is accepted by all.
        var keyRing = builder.Services.AddDataProtection().SetApplicationName("Aggregator").PersistKeysToDbContext<Storage.AppDbContext>();
        if (KeyEncryptor.KeyFrom(builder.Configuration) is { } keyEncryptionKey)
            keyRing.AddKeyManagementOptions(options => options.XmlEncryptor = new KeyEncryptor(keyEncryptionKey));
        else if (!builder.Environment.IsDevelopment())
            Serilog.Log.Warning("Data-protection keys are stored unencrypted: set {Setting} to 32 random bytes in base64 (openssl rand -base64 32)",
                KeyEncryptor.Setting.Replace(":", "__"));
        // Both cookies travel only over HTTPS outside development (Hosting:SecureCookies overrides).
        var securePolicy = builder.Configuration.GetValue<bool?>("Hosting:SecureCookies") ?? !builder.Environment.IsDevelopment()
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "aggregator.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        // The cookie's security stamp is checked against the database on every request: signing out (which renews the
        // stamp), a password reset or a removed account ends every copy of the cookie at once. Admin traffic is small.
        builder.Services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(AdminAccounts.AdminRole));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => context.Request.Method == HttpMethods.Post
                ? System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("reading"));
            var readerQueries = builder.Configuration.GetValue("RateLimits:ReaderQueriesPerMinute", ReaderQueriesPerMinute);
            limiter.AddPolicy(ReaderQueryRateLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = readerQueries, Window = TimeSpan.FromMinutes(1) }));
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "aggregator.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = securePolicy;
        });
        return builder;
    }

    /// <summary>
    /// First-run bootstrap: when Admin:Email and Admin:Password are set and no admin exists yet, that admin is created.
    /// Once any admin exists the settings are ignored, so they can (and should) be removed.
    /// </summary>
    public static async Task BootstrapAdminAsync(this IServiceProvider services, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)) return;
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        if (await accounts.AnyAdminAsync(cancellationToken))
        {
            logger.LogInformation("Admin bootstrap settings ignored: an admin already exists");
            return;
        }
        var result = await accounts.EnsureAdminAsync(email, password);
        if (result.Succeeded) logger.LogInformation("Created the first admin {Email} from configuration", email);
        else logger.LogError("Could not create the first admin {Email}: {Errors}", email, result.Errors);
    }
}
