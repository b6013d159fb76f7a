using Aggregator.Admin;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Cli;

public sealed class CliTests(ClassApp app) : InProcessCliTest(app)
{
    [Fact]
    public async Task Create_admin_creates_a_user_in_the_admin_role_who_can_sign_in_with_that_password()
    {
        var result = await CliHarness.RunAsync(App.Services, "create-admin", "--email", "ops@example.org", "--password", "correct horse battery");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Created admin ops@example.org", result.Output);
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync("ops@example.org");
        Assert.NotNull(user);
        Assert.True(await users.IsInRoleAsync(user, AdminAccounts.AdminRole));
        Assert.True(await users.CheckPasswordAsync(user, "correct horse battery"));
    }

    [Fact]
    public async Task Create_admin_takes_the_password_from_the_environment()
    {
        await using var app = new AppFactory(Database.ConnectionString, new Dictionary<string, string?> { ["AGGREGATOR_ADMIN_PASSWORD"] = "an environment passphrase" });
        var result = await CliHarness.RunAsync(app.Services, "create-admin", "--email", "env@example.org");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("Created admin env@example.org.", result.Output.Trim());
    }

    [Fact]
    public async Task Create_admin_for_an_existing_email_resets_the_password_instead_of_failing()
    {
        await CliHarness.RunAsync(App.Services, "create-admin", "--email", "again@example.org", "--password", "first password long");
        var second = await CliHarness.RunAsync(App.Services, "create-admin", "--email", "again@example.org", "--password", "second password long");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Updated admin", second.Output);
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("again@example.org"))!, "second password long"));
    }

    [Fact]
    public async Task Create_admin_with_a_weak_password_fails_with_the_reason()
    {
        var result = await CliHarness.RunAsync(App.Services, "create-admin", "--email", "weak@example.org", "--password", "short");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 12 characters", result.Error);
    }

    [Theory]
    [InlineData(new[] { "create-admin", "--email", "a@example.org" }, "no password: pipe it to --password-stdin or set AGGREGATOR_ADMIN_PASSWORD")]
    [InlineData(new[] { "create-admin", "--email", "not-an-email", "--password", "long enough password" }, "not an email address")]
    [InlineData(new[] { "create-admin", "--email" }, "option --email needs a value")]
    [InlineData(new[] { "migrate", "--force", "yes" }, "unknown option --force")]
    [InlineData(new[] { "migrate", "extra" }, "unexpected argument 'extra'")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "import-feed", "some.xml" }, "missing --topic")]
    [InlineData(new[] { "import-feed", "--topic", "us-china" }, "missing <file.xml>")]
    [InlineData(new[] { "import-feed", "--topic", "us-china", "/no/such/file.xml" }, "no file '/no/such/file.xml'")]
    [InlineData(new[] { "import-feed", "--topic", "nope", "/etc/hostname" }, "no topic 'nope'")]
    [InlineData(new[] { "fetch" }, "missing --topic")]
    [InlineData(new[] { "fetch", "--topic", "nope" }, "no topic 'nope'")]
    public async Task Bad_arguments_exit_2_with_a_clear_message(string[] args, string message)
    {
        var result = await CliHarness.RunAsync(App.Services, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Import_feed_stores_the_fixture_once_with_every_outlet_known_to_the_seeded_registry()
    {
        var path = Fixtures.FeedPath(Fixtures.GoogleNewsUsChina);

        var first = await CliHarness.RunAsync(App.Services, "import-feed", "--topic", "us-china", path);
        var second = await CliHarness.RunAsync(App.Services, "import-feed", "--topic", "us-china", path);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("20 items, 20 new, 0 already stored", first.Output);
        Assert.DoesNotContain("awaiting review", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("20 items, 0 new, 20 already stored", second.Output);
    }

    [Fact]
    public async Task Import_feed_of_a_file_that_is_not_a_feed_fails_with_the_reason()
    {
        var result = await CliHarness.RunAsync(App.Services, "import-feed", "--topic", "us-china", Fixtures.FeedPath("truncated.xml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parse-malformed", result.Error);
    }

    [Fact]
    public async Task Fetch_reports_each_feed_and_fails_when_every_feed_failed()
    {
        var result = await CliHarness.RunAsync(App.Services, "fetch", "--topic", "us-china");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("US–China relations: failed (replay-missing)", result.Output);
        Assert.Contains("7 feeds fetched, 7 failed.", result.Output);
    }

    [Fact]
    public async Task Help_lists_every_verb()
    {
        var result = await CliHarness.RunAsync(App.Services, "help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("migrate", result.Output);
        Assert.Contains("create-admin --email <e> (--password-stdin | env AGGREGATOR_ADMIN_PASSWORD)", result.Output);
    }
}

/// <summary>The executable itself, as operators and outside checks call it.</summary>
[RunsLong(25)]
public sealed class CliProcessTests : IAsyncLifetime
{
    private readonly EmptyTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Backup_writes_a_file_only_its_owner_can_read_and_restore_brings_back_the_whole_database()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        var file = Path.Combine(Path.GetTempPath(), $"aggregator-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await using (var app = new AppFactory(database.ConnectionString))
                Assert.Equal(0, (await CliHarness.RunAsync(app.Services, "import-feed", "--topic", "us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina))).ExitCode);
            var backup = await CliHarness.RunProcessAsync(database.ConnectionString, "backup", "--out", file);
            await using (var db = database.CreateContext())
            {
                await db.ArticleTopics.ExecuteDeleteAsync();
                await db.Articles.ExecuteDeleteAsync();
                await db.Topics.Where(t => t.Slug == "us-china").ExecuteUpdateAsync(t => t.SetProperty(x => x.Name, "changed after the backup"));
            }
            var restore = await CliHarness.RunProcessAsync(database.ConnectionString, "restore", "--from", file);

            Assert.True(backup.ExitCode == 0, backup.Error);
            Assert.StartsWith($"Backed up to {file}", backup.Output);
            if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("file modes are a Unix matter");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.True(restore.ExitCode == 0, restore.Error);
            await using var check = database.CreateContext();
            Assert.Equal(20, await check.Articles.CountAsync());
            Assert.Equal("US vs China", await check.Topics.Where(t => t.Slug == "us-china").Select(t => t.Name).SingleAsync());
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            File.Delete(file);
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_backup_fails_and_changes_nothing()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "not a dump");
            var restore = await CliHarness.RunProcessAsync(database.ConnectionString, "restore", "--from", file);

            Assert.Equal(1, restore.ExitCode);
            Assert.Contains("pg_restore failed", restore.Error);
            await using var check = database.CreateContext();
            Assert.Equal(1, await check.Topics.CountAsync());
        }
        finally
        {
            File.Delete(file);
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Import_feed_on_a_fresh_database_migrates_it_stores_the_twenty_articles_and_lists_the_new_outlets_for_review()
    {
        var relativePath = Path.Combine("Fixtures", "feeds", Fixtures.GoogleNewsUsChina);

        var first = await CliHarness.RunProcessAsync(_database.ConnectionString, "import-feed", "--topic", "us-china", relativePath);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith($"{relativePath}: 20 items, 20 new, 0 already stored.", first.Output);
        // The CLI does not seed the registry, so on a fresh database every outlet is new, sided by rule, listed for review.
        Assert.Contains("Outlets awaiting review at /admin/review (provisional sides count in digests until then): China Daily (china), China Military (china), Forbes (us), Global Times (china), MSN (us), news.cgtn.com (china), South China Morning Post (us), The New York Times (us), The Straits Times (us)", first.Output);
        await using var db = _database.CreateContext();
        Assert.Equal(20, await db.Articles.CountAsync());
    }

    [Fact]
    public async Task Without_a_connection_string_a_verb_says_what_to_set_and_exits_1()
    {
        var result = await CliHarness.RunProcessAsync("", "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings__Aggregator", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task Migrate_verb_migrates_an_empty_database_then_reports_it_up_to_date()
    {
        var first = await CliHarness.RunProcessAsync(_database.ConnectionString, "migrate");
        var second = await CliHarness.RunProcessAsync(_database.ConnectionString, "migrate");

        Assert.True(first.ExitCode == 0, first.Error);
        await using var db = _database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Contains($"Applied {migrations.Count} migration(s): {string.Join(", ", migrations)}", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("Database is up to date.", second.Output.Trim());
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_standard_input_or_the_command_line_with_a_warning()
    {
        var fromStdin = await CliHarness.RunProcessWithInputAsync(_database.ConnectionString, "a passphrase from stdin\n",
            "create-admin", "--email", "stdin@example.org", "--password-stdin");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Error);
        Assert.Equal("Created admin stdin@example.org.", fromStdin.Output.Trim().Split('\n')[^1]);

        var onCommandLine = await CliHarness.RunProcessAsync(_database.ConnectionString, "create-admin", "--email", "argv@example.org", "--password", "a passphrase in argv");
        Assert.Equal(0, onCommandLine.ExitCode);
        Assert.Contains("--password shows the password to every user who lists processes", onCommandLine.Error);

        await using var db = _database.CreateContext();
        var hash = await db.Users.Where(u => u.Email == "stdin@example.org").Select(u => u.PasswordHash).SingleAsync();
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Aggregator.Model.AppUser>();
        Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Success, hasher.VerifyHashedPassword(new Aggregator.Model.AppUser(), hash!, "a passphrase from stdin"));
    }

    [Fact]
    public async Task A_verb_with_bad_arguments_exits_non_zero_with_usage_on_stderr()
    {
        var result = await CliHarness.RunProcessAsync(_database.ConnectionString, "create-admin", "--email", "x@example.org");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no password", result.Error);
        Assert.Contains("usage: Aggregator.Web create-admin", result.Error);
        Assert.Equal("", result.Output);
    }
}
