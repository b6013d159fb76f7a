using Aggregator.Model;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Aggregator.Storage;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and antiforgery tokens, shared by every instance (encrypted).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<TopicSide> TopicSides => Set<TopicSide>();
    public DbSet<Feed> Feeds => Set<Feed>();
    public DbSet<Outlet> Outlets => Set<Outlet>();
    public DbSet<OutletAlias> OutletAliases => Set<OutletAlias>();
    public DbSet<OutletDomain> OutletDomains => Set<OutletDomain>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleTopic> ArticleTopics => Set<ArticleTopic>();
    public DbSet<Story> Stories => Set<Story>();
    public DbSet<ArticleEmbedding> ArticleEmbeddings => Set<ArticleEmbedding>();
    public DbSet<ArticleText> ArticleTexts => Set<ArticleText>();
    public DbSet<FetchRun> FetchRuns => Set<FetchRun>();
    public DbSet<Digest> Digests => Set<Digest>();
    public DbSet<DigestSide> DigestSides => Set<DigestSide>();
    public DbSet<DigestHighlight> DigestHighlights => Set<DigestHighlight>();
    public DbSet<DigestArticle> DigestArticles => Set<DigestArticle>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity's tables in the same snake_case style as ours.
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Side>().HaveConversion<SideConverter>().HaveMaxLength(16);
    }
}
