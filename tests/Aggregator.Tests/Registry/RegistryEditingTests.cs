using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Registry;
using Aggregator.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Registry;

[RunsLong(15)]
public sealed class RegistryEditingTests(ResettableTestDatabase database) : PipelineTest(database), IClassFixture<ResettableTestDatabase>
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddRegistry();

    private Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> work) => InScopeAsync(work);

    private Task<ImportResult> ImportFixtureAsync() =>
        WithAsync(s => s.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None));

    private Task<SeedResult> SeedAsync() =>
        WithAsync(s => s.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), CancellationToken.None));

    [Fact]
    public async Task Seeding_decides_the_sides_of_outlets_already_discovered_and_retags_their_stored_articles()
    {
        var import = await ImportFixtureAsync();
        Assert.Contains("South China Morning Post (us)", import.OutletsAwaitingReview);

        var seeded = await SeedAsync();

        Assert.True(seeded.Added >= 150);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Articles.CountAsync(a => a.Side == Side.Unclassified));
        Assert.Equal(0, await db.Outlets.CountAsync(Outlet.AwaitsReview));
        // The registry puts Hong Kong's SCMP on the China side, where the rule had guessed the US side.
        var scmp = await db.Outlets.SingleAsync(o => o.Name == "South China Morning Post");
        Assert.Equal(Side.China, scmp.Side);
        Expect.All(await db.Articles.Where(a => a.OutletId == scmp.Id).ToListAsync(), 8, a => Assert.Equal(Side.China, a.Side));
        var cgtn = await db.Outlets.Include(o => o.Aliases).SingleAsync(o => o.Name == "CGTN");
        Assert.Equal(Side.China, cgtn.Side);
        Assert.Equal(2, await db.Articles.CountAsync(a => a.OutletId == cgtn.Id));
        Assert.Equal(0, await db.Outlets.CountAsync(o => o.Origin == OutletOrigin.Discovered));
    }

    /// <summary>Stops the seed at its 50th save, as when the process is killed in the middle of a first start.</summary>
    private sealed class KillAtFiftiethSave(CancellationTokenSource kill) : SaveChangesInterceptor
    {
        private int _saves;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (++_saves == 50) kill.Cancel();
            kill.Token.ThrowIfCancellationRequested();
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task A_seed_stopped_half_way_stores_no_outlet_so_the_next_start_seeds_the_whole_registry()
    {
        using var kill = new CancellationTokenSource();
        await using (var crashing = TestServices.Create(Database.ConnectionString, configure: services =>
                         services.AddRegistry().ConfigureDbContext<Aggregator.Storage.AppDbContext>(o => o.AddInterceptors(new KillAtFiftiethSave(kill)))))
        await using (var scope = crashing.CreateAsyncScope())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync(RegistryJson.LoadDefault(), kill.Token));

        await using (var db = Database.CreateContext())
            Assert.Equal(0, await db.Outlets.CountAsync(o => o.Origin == OutletOrigin.Registry));
        Assert.False(await WithAsync(s => s.GetRequiredService<RegistrySeeder>().HasBeenSeededAsync(CancellationToken.None)));
        var seeded = await SeedAsync();

        Assert.Equal(RegistryJson.LoadDefault().Outlets.Count, seeded.Added + seeded.Skipped.Count);
        Assert.True(seeded.Added >= 150);
    }

    [Fact]
    public async Task Reseeding_adds_nothing_twice_and_never_overwrites_an_admins_edit()
    {
        await SeedAsync();
        await using (var db = Database.CreateContext())
        {
            var forbes = await db.Outlets.Include(o => o.Aliases).Include(o => o.Domains).SingleAsync(o => o.Name == "Forbes");
            await WithAsync(async s =>
            {
                var editor = s.GetRequiredService<RegistryEditor>();
                var outlet = (await editor.LoadAsync(forbes.Id, CancellationToken.None))!;
                var snapshot = OutletSnapshot.Of(outlet);
                return await editor.UpdateAsync(outlet, new OutletChange(snapshot.Name, snapshot.Aliases, snapshot.Domains, "US", Side.Neutral, "Admin says neutral"), "admin@example.org", AuditActions.OutletUpdated, CancellationToken.None);
            });
        }

        var again = await SeedAsync();

        Assert.Equal(0, again.Added);
        Assert.Equal(0, again.Updated);
        Assert.Equal(1, again.KeptAdminEdits);
        await using var check = Database.CreateContext();
        var edited = await check.Outlets.SingleAsync(o => o.Name == "Forbes");
        Assert.Equal((Side.Neutral, "Admin says neutral"), (edited.Side, edited.Notes));
    }

    [Fact]
    public async Task Changing_a_side_retags_the_articles_audits_the_change_and_leaves_published_digests_alone()
    {
        await SeedAsync();
        await ImportFixtureAsync();
        int forbesId, digestId;
        await using (var db = Database.CreateContext())
        {
            forbesId = await db.Outlets.Where(o => o.Name == "Forbes").Select(o => o.Id).SingleAsync();
            var article = await db.Articles.SingleAsync(a => a.OutletId == forbesId);
            var topic = await db.Topics.SingleAsync(t => t.Slug == "us-china");
            var digest = new Digest
            {
                TopicId = topic.Id, Date = new DateOnly(2026, 1, 12), Version = 1, Title = "US vs China News - 2026-01-12", TopicSlug = topic.Slug, TopicName = topic.Name,
                GeneratedAt = DateTimeOffset.UtcNow, WindowStart = DateTimeOffset.UtcNow.AddDays(-1), WindowEnd = DateTimeOffset.UtcNow, PerSideCount = 1,
                Highlighter = "extractive", ContentHash = "x",
                Articles = [new DigestArticle { Position = 1, ArticleId = article.Id, Side = Side.Us, Headline = article.Headline, Link = article.Link, OutletName = "Forbes", Locale = "en-US", PublishedAt = article.PublishedAt }],
            };
            db.Digests.Add(digest);
            await db.SaveChangesAsync();
            digestId = digest.Id;
        }

        var result = await WithAsync(async s =>
        {
            var editor = s.GetRequiredService<RegistryEditor>();
            var outlet = (await editor.LoadAsync(forbesId, CancellationToken.None))!;
            var snapshot = OutletSnapshot.Of(outlet);
            return await editor.UpdateAsync(outlet, new OutletChange(snapshot.Name, snapshot.Aliases, snapshot.Domains, snapshot.Country, Side.China, snapshot.Notes), "admin@example.org", AuditActions.OutletUpdated, CancellationToken.None);
        });

        Assert.True(result.Succeeded);
        Assert.Equal([new AffectedDigest("us-china", new DateOnly(2026, 1, 12), 1)], result.AffectedDigests);
        await using var check = Database.CreateContext();
        Expect.All(await check.Articles.Where(a => a.OutletId == forbesId).ToListAsync(), 1, a => Assert.Equal(Side.China, a.Side));
        var audit = await check.AuditEntries.Where(e => e.EntityType == "outlet" && e.EntityId == forbesId.ToString()).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(("admin@example.org", AuditActions.OutletUpdated), (audit.Actor, audit.Action));
        Assert.Contains("\"alignment\": \"us\"", audit.Before);
        Assert.Contains("\"alignment\": \"china\"", audit.After);
        var line = await check.DigestArticles.SingleAsync(l => l.DigestId == digestId);
        Assert.Equal(Side.Us, line.Side);
    }

    [Fact]
    public async Task Importing_a_file_with_one_bad_row_changes_nothing_and_names_the_row()
    {
        await SeedAsync();
        var csv = string.Join('\n',
            "name,alignment,country,domains,aliases,rationale",
            "New Outlet One,us,US,newone.example,,fine",
            "Forbes,china,US,forbes.com,,changed",
            "Broken Outlet,sideways,US,broken.example,,bad alignment",
            "Another,us,US,not a domain,,bad domain");

        var outcome = await WithAsync(s => s.GetRequiredService<RegistryImporter>().ImportAsync("registry.csv", csv, "admin@example.org", CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Equal(["line 4: alignment 'sideways' is not one of us, china, neutral", "line 5: 'not a domain' is not a domain"], outcome.Errors);
        await using var db = Database.CreateContext();
        Assert.False(await db.Outlets.AnyAsync(o => o.Name == "New Outlet One"));
        Assert.Equal(Side.Us, (await db.Outlets.SingleAsync(o => o.Name == "Forbes")).Side);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RegistryImported));
    }

    [Fact]
    public async Task A_good_import_creates_and_updates_outlets_and_round_trips_through_json_export()
    {
        await SeedAsync();
        var json = """{"outlets":[{"name":"New Outlet","alignment":"neutral","country":"FR","domains":["new.example"],"aliases":["NO"],"rationale":"test"},{"name":"Forbes","alignment":"us","country":"US","domains":["forbes.com"],"aliases":[],"rationale":"edited"}]}""";

        var outcome = await WithAsync(s => s.GetRequiredService<RegistryImporter>().ImportAsync("registry.json", json, "admin@example.org", CancellationToken.None));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal((1, 1), (outcome.Created, outcome.Updated));
        await using var db = Database.CreateContext();
        var created = await db.Outlets.Include(o => o.Domains).SingleAsync(o => o.Name == "New Outlet");
        Assert.Equal((Side.Neutral, "new.example"), (created.Side, created.Domains.Single().Host));
        Assert.NotNull(created.EditedByAdminAt);
    }

    [Fact]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_written_inert_and_read_back_unchanged()
    {
        var entry = new RegistryEntry("=HYPERLINK(\"https://evil.example\",\"Reuters\")", ["@SUM(A1)", "+1-555"], ["evil.example"], "-US", "us", "\tnote");

        var csv = RegistryCsv.Write([entry]);
        var (rows, error) = RegistryCsv.Read(csv);

        Assert.DoesNotContain(csv.Split('\n').Skip(1).SelectMany(line => line.Split(',')), cell => cell.TrimStart('"').Length > 0 && "=+-@\t".Contains(cell.TrimStart('"')[0]));
        Assert.Null(error);
        var read = Assert.Single(rows).Entry;
        Assert.Equal((entry.Name, entry.Country, entry.Rationale), (read.Name, read.Country, read.Rationale));
        Assert.Equal(entry.Aliases, read.Aliases);
    }

    [Fact]
    public async Task Merging_moves_articles_names_and_domains_and_deletes_the_source()
    {
        await ImportFixtureAsync();
        int sourceId, targetId;
        await using (var db = Database.CreateContext())
        {
            sourceId = await db.Outlets.Where(o => o.Name == "news.cgtn.com").Select(o => o.Id).SingleAsync();
            targetId = (await TestData.AddOutletAsync(db, "CGTN", Side.China, ["cgtn.com"])).Id;
        }

        var result = await WithAsync(s => s.GetRequiredService<RegistryEditor>().MergeAsync(sourceId, targetId, "admin@example.org", CancellationToken.None));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        await using var check = Database.CreateContext();
        Assert.False(await check.Outlets.AnyAsync(o => o.Id == sourceId));
        var target = await check.Outlets.Include(o => o.Aliases).Include(o => o.Domains).SingleAsync(o => o.Id == targetId);
        Assert.Contains(target.Aliases, a => a.Name == "news.cgtn.com");
        Assert.Contains(target.Domains, d => d.Host == "news.cgtn.com");
        var articles = await check.Articles.Where(a => a.SourceName == "news.cgtn.com").ToListAsync();
        Assert.Equal(2, articles.Count);
        Assert.All(articles, a => Assert.Equal((targetId, Side.China), (a.OutletId, a.Side)));
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Action == AuditActions.OutletMerged));
    }

    [Fact]
    public async Task An_outlet_with_articles_cannot_be_deleted_but_an_unused_one_can()
    {
        await ImportFixtureAsync();
        int usedId, unusedId;
        await using (var db = Database.CreateContext())
        {
            usedId = await db.Outlets.Where(o => o.Name == "Forbes").Select(o => o.Id).SingleAsync();
            unusedId = (await TestData.AddOutletAsync(db, "Unused", Side.Us, ["unused.example"])).Id;
        }

        var refused = await WithAsync(s => s.GetRequiredService<RegistryEditor>().DeleteAsync(usedId, "admin@example.org", CancellationToken.None));
        var deleted = await WithAsync(s => s.GetRequiredService<RegistryEditor>().DeleteAsync(unusedId, "admin@example.org", CancellationToken.None));

        Assert.Contains("1 stored articles", Assert.Single(refused.Errors));
        Assert.True(deleted.Succeeded);
        await using var check = Database.CreateContext();
        Assert.True(await check.Outlets.AnyAsync(o => o.Id == usedId));
        Assert.False(await check.Outlets.AnyAsync(o => o.Id == unusedId));
    }

    [Fact]
    public async Task A_name_or_domain_owned_by_another_outlet_is_refused()
    {
        await SeedAsync();
        var result = await WithAsync(s => s.GetRequiredService<RegistryEditor>().CreateAsync(
            new OutletChange("Forbes Copy", ["Forbes"], ["www.xinhuanet.com"], "US", Side.Us, null), "admin@example.org", CancellationToken.None));

        Assert.Equal(["the name 'forbes' already belongs to Forbes", "the domain xinhuanet.com already belongs to Xinhua"], result.Errors);
    }
}
