using Aggregator.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aggregator.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string ConnectionStringName = "Aggregator";

    public static string GetAggregatorConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString
            ? connectionString
            : throw new MissingConfigurationException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (environment) or ConnectionStrings:{ConnectionStringName} (appsettings).");

    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetAggregatorConnectionString();
        builder.Services.AddDbContext<AppDbContext>(options => options.UseAggregatorDatabase(connectionString));
        builder.Services.AddScoped<DatabaseMigrator>();
        builder.Services.AddScoped<ArticleStore>();
        builder.Services.AddScoped<OutletStore>();
        builder.Services.AddScoped<PublisherLinkRows>();
        builder.Services.AddScoped<ArticleTextRows>();
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): passphrases welcome.
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                // No hard lockout: anyone could lock an admin out with a few wrong guesses. The sign-in page slows
                // guessing per account and client instead (Admin/SignInThrottle).
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        return builder;
    }

    public static DbContextOptionsBuilder UseAggregatorDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention()
            // Migrations are hand-written SQL (the EF Design package is not available), so there is no model
            // snapshot and EF would report every model as "pending changes". SchemaMatchesModelTests is the
            // real guard: it fails when the migrated schema and the model differ.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
}

/// <summary>A required setting is missing: the app says which and how to set it, and stops.</summary>
public sealed class MissingConfigurationException(string message) : Exception(message);
