using System.Net;
using System.Net.Http.Headers;
using Aggregator.Admin;
using Aggregator.Ingestion;
using Aggregator.Model;
using Aggregator.Tests.Infrastructure;
using AngleSharp.Html.Parser;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aggregator.Tests.Admin;

/// <summary>The admin pages that change things: one site for the class, its data put back before each test.</summary>
[RunsLong(12)]
public sealed class AdminPagesTests(AdminSite site) : IClassFixture<AdminSite>, IAsyncLifetime
{
    public Task InitializeAsync() => site.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_first_admin_is_created_from_configuration_once()
    {
        await using var scope = site.App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        Assert.True(await accounts.AnyAdminAsync(CancellationToken.None));
        await using var db = site.Database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());

        await using var restarted = new AppFactory(site.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Admin:Email"] = "second@example.org",
            ["Admin:Password"] = "another passphrase",
        });
        _ = restarted.Services;
        Assert.False(await db.Users.AnyAsync(u => u.Email == "second@example.org"));
    }

    [Fact]
    public async Task The_review_queue_lists_new_outlets_with_their_provisional_sides_by_article_count_and_classifies_in_one_post()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        var html = await client.GetStringAsync("/admin/review");
        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("tr[data-outlet]").Select(r => r.GetAttribute("data-outlet")).ToList();
        Assert.Equal("South China Morning Post", rows[0]);
        Assert.Equal(9, rows.Count);
        Assert.Contains("Japan launches world’s first mission to lift rare earth from deep sea", html);
        Assert.Contains("Provisionally <strong>us</strong>: the editorial default for outlets outside China", html);

        int scmp;
        await using (var db = site.Database.CreateContext())
            scmp = await db.Outlets.Where(o => o.Name == "South China Morning Post").Select(o => o.Id).SingleAsync();
        var response = await Browserless.PostFormAsync(client, "/admin/review", new() { ["id"] = scmp.ToString(), ["side"] = "china", ["country"] = "hk" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var check = site.Database.CreateContext();
        var outlet = await check.Outlets.SingleAsync(o => o.Id == scmp);
        Assert.Equal((Side.China, "HK", null), (outlet.Side, outlet.Country, outlet.ProvisionalRule));
        Expect.All(await check.Articles.Where(a => a.OutletId == scmp).ToListAsync(), 8, a => Assert.Equal(Side.China, a.Side));
        Assert.True(await check.AuditEntries.AnyAsync(e => e.Action == AuditActions.OutletClassified && e.Actor == "boot@example.org"));
    }

    [Fact]
    public async Task Importing_a_bad_file_on_the_page_shows_each_bad_row_and_changes_nothing()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        var token = await Browserless.AntiforgeryTokenAsync(client, "/admin/registry");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent("name,alignment\nGood One,us\n<b>Bad</b>,maybe\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "registry.csv");

        var response = await client.PostAsync("/admin/registry", form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("line 3: alignment &#x27;maybe&#x27; is not one of us, china, neutral", html);
        Assert.DoesNotContain("<b>Bad</b>", html);
        await using var db = site.Database.CreateContext();
        Assert.False(await db.Outlets.AnyAsync(o => o.Name == "Good One"));
    }

    [Fact]
    public async Task The_public_outlets_page_shows_sides_countries_and_rationales_encoded()
    {
        await using (var db = site.Database.CreateContext())
            await TestData.AddOutletAsync(db, "<script>alert(1)</script> Times", Side.Us, ["xss.example"]);
        using var client = Browserless.Client(site.App);

        var html = await client.GetStringAsync("/outlets");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Times", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("9 newly seen outlets are awaiting review", html);
    }

    [Fact]
    public async Task The_cached_public_outlets_page_shows_a_classification_at_once()
    {
        using var reader = Browserless.Client(site.App);
        Assert.Contains("9 newly seen outlets are awaiting review", await reader.GetStringAsync("/outlets"));
        Assert.NotNull((await reader.GetAsync("/outlets")).Headers.Age);

        using var admin = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int scmp;
        await using (var db = site.Database.CreateContext())
            scmp = await db.Outlets.Where(o => o.Name == "South China Morning Post").Select(o => o.Id).SingleAsync();
        await Browserless.PostFormAsync(admin, "/admin/review", new() { ["id"] = scmp.ToString(), ["side"] = "china", ["country"] = "hk" });

        var after = await Eventually.ReturnsAsync("/outlets to show the newly seen outlets", () => reader.GetStringAsync("/outlets"), html => html.Contains("8 newly seen outlets"));
        Assert.Contains("8 newly seen outlets are awaiting review", after);
    }

    [Fact]
    public async Task Renaming_a_topic_shows_at_once_on_its_cached_reader_pages()
    {
        using var reader = Browserless.Client(site.App);
        foreach (var path in new[] { "/topics/us-china", "/topics/us-china/trends" })
        {
            Assert.DoesNotContain("Washington and Beijing", await reader.GetStringAsync(path));
            Assert.NotNull((await reader.GetAsync(path)).Headers.Age);
        }

        using var admin = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        var saved = await Browserless.SubmitFormAsync(admin, $"/admin/topics/edit/{topicId}", "form.stacked-form",
            values: new() { ["Input.Name"] = "Washington and Beijing" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var path in new[] { "/topics/us-china", "/topics/us-china/trends" })
            Assert.Contains("Washington and Beijing", await Eventually.ReturnsAsync("the reader page to show the renamed outlet", () => reader.GetStringAsync(path), html => html.Contains("Washington and Beijing")));
    }

    [Fact]
    public async Task Saving_a_topic_validates_it_and_updates_its_schedule()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Slug"] = "us-china", ["Input.Name"] = "US vs China", ["Input.UsName"] = "United States", ["Input.ChinaName"] = "China",
            ["Input.Quota"] = "8", ["Input.DigestHour"] = "5", ["Input.FetchInterval"] = "60", ["Input.Enabled"] = "true",
        };

        var bad = await Browserless.PostFormAsync(client, $"/admin/topics/edit/{topicId}", new(fields) { ["Input.Slug"] = "Not A Slug" });
        var good = await Browserless.PostFormAsync(client, $"/admin/topics/edit/{topicId}", fields);

        Assert.Contains("the slug must be lower-case", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var check = site.Database.CreateContext();
        var topic = await check.Topics.SingleAsync(t => t.Id == topicId);
        Assert.Equal((8, 5, 60), (topic.PerSideQuota, topic.DigestHourUtc, topic.FetchIntervalMinutes));
        using var jobs = site.App.Services.GetRequiredService<JobStorage>().GetConnection();
        var schedules = jobs.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal(("0 * * * *", "0 5 * * *"), (schedules["fetch:us-china"].Cron, schedules["digest:us-china"].Cron));
    }

    [Fact]
    public async Task An_admin_sets_the_languages_a_topics_digests_include_validated_and_audited()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();

        var bad = await Browserless.SubmitFormAsync(client, $"/admin/topics/edit/{topicId}", "form.stacked-form", values: new() { ["Input.Languages"] = "english" });
        var good = await Browserless.SubmitFormAsync(client, $"/admin/topics/edit/{topicId}", "form.stacked-form", values: new() { ["Input.Languages"] = "EN, zh" });

        Assert.Contains("two-letter language codes", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        await using var check = site.Database.CreateContext();
        Assert.Equal(["en", "zh"], (await check.Topics.SingleAsync(t => t.Id == topicId)).Languages);
        var audit = await check.AuditEntries.Where(e => e.Action == AuditActions.TopicUpdated && e.EntityId == topicId.ToString()).ToListAsync();
        var entry = Assert.Single(audit);
        string LanguagesIn(string? json) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("languages").GetString()!;
        Assert.Equal(("en", "en,zh"), (LanguagesIn(entry.Before), LanguagesIn(entry.After)));
    }

    [Fact]
    public async Task Reading_articles_pages_is_off_until_an_admin_ticks_it_and_the_change_is_audited()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        var form = await client.GetStringAsync($"/admin/topics/edit/{topicId}");

        var on = await Browserless.SubmitFormAsync(client, $"/admin/topics/edit/{topicId}", "form.stacked-form", check: ["Input.FetchArticleText"]);

        Assert.DoesNotContain("name=\"Input.FetchArticleText\" value=\"true\" checked", form);
        Assert.Contains("does not read articles&#x27; pages", form);
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        await using var check = site.Database.CreateContext();
        Assert.True((await check.Topics.SingleAsync(t => t.Id == topicId)).FetchArticleText);
        var entry = Assert.Single(await check.AuditEntries.Where(e => e.Action == AuditActions.TopicUpdated && e.EntityId == topicId.ToString()).ToListAsync());
        bool ReadsPages(string? json) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("fetchArticleText").GetBoolean();
        Assert.Equal((false, true), (ReadsPages(entry.Before), ReadsPages(entry.After)));
    }

    [Fact]
    public async Task A_new_topic_gets_its_schedules_at_once_and_unticking_enabled_removes_them()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        var fields = new Dictionary<string, string>
        {
            ["Input.Slug"] = "eu-china", ["Input.Name"] = "EU vs China", ["Input.UsName"] = "Europe", ["Input.ChinaName"] = "China",
            ["Input.Quota"] = "10", ["Input.DigestHour"] = "6", ["Input.FetchInterval"] = "15", ["Input.Enabled"] = "true",
        };
        string[] Schedules()
        {
            using var jobs = site.App.Services.GetRequiredService<JobStorage>().GetConnection();
            return [.. jobs.GetRecurringJobs().Select(j => $"{j.Id} {j.Cron}").Order()];
        }

        var created = await Browserless.PostFormAsync(client, "/admin/topics/edit", fields);
        var afterCreate = Schedules();
        var editPath = created.Headers.Location!.OriginalString;
        await Browserless.SubmitFormAsync(client, editPath, "form.stacked-form", uncheck: ["Input.Enabled"]);
        var afterDisable = Schedules();
        await using var check = site.Database.CreateContext();
        Assert.False((await check.Topics.SingleAsync(t => t.Slug == "eu-china")).Enabled);

        Assert.Equal(["digest:eu-china 0 6 * * *", "digest:us-china 0 4 * * *", "fetch:eu-china */15 * * * *", "fetch:us-china */30 * * * *"], afterCreate);
        Assert.Equal(["digest:us-china 0 4 * * *", "fetch:us-china */30 * * * *"], afterDisable);
    }

    [Fact]
    public async Task Unticking_a_feeds_enabled_box_disables_the_feed_and_keeps_its_other_settings()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        Feed feed;
        await using (var db = site.Database.CreateContext())
            feed = await db.Feeds.OrderBy(f => f.Id).FirstAsync(f => f.Topic!.Slug == "us-china");
        var path = $"/admin/topics/{feed.TopicId}/feeds/{feed.Id}";

        var saved = await Browserless.SubmitFormAsync(client, path, "form.stacked-form", uncheck: ["Input.Enabled"]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var check = site.Database.CreateContext();
        var after = await check.Feeds.SingleAsync(f => f.Id == feed.Id);
        Assert.Equal((false, feed.Query, feed.Edition), (after.Enabled, after.Query, after.Edition));
    }

    [Fact]
    public async Task Rebuild_digest_queues_a_job_that_builds_the_chosen_day_or_says_why_nothing_was_built()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        var storage = site.App.Services.GetRequiredService<JobStorage>();
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();
        var path = $"/admin/topics/edit/{topicId}?handler=Rebuild";
        async Task<string> RebuildAsync()
        {
            var posted = await Browserless.PostFormAsync(client, path, new() { ["day"] = "2026-01-12" }, $"/admin/topics/edit/{topicId}");
            var page = await client.GetStringAsync(posted.Headers.Location!.OriginalString);
            Assert.Contains("The 2026-01-12 digest is queued as job", page);
            return await HangfireJobs.ResultAsync(storage, HangfireJobs.IdIn(page));
        }

        // Without the registry every outlet of the feed is provisional: left out, the window holds nothing to digest.
        await using (var db = site.Database.CreateContext())
            await db.Topics.ExecuteUpdateAsync(s => s.SetProperty(t => t.IncludeProvisional, false));
        var empty = await RebuildAsync();
        await using (var db = site.Database.CreateContext())
            await db.Topics.ExecuteUpdateAsync(s => s.SetProperty(t => t.IncludeProvisional, true));
        var built = await RebuildAsync();

        Assert.StartsWith("no classified us-china article was published", empty);
        Assert.StartsWith("Built US vs China News - 2026-01-12, version 1:", built);
        await using var check = site.Database.CreateContext();
        Assert.Equal(1, await check.Digests.CountAsync());
    }
}

/// <summary>The admin pages that only read or refuse: one site for the class.</summary>
public sealed class AdminFormsTests(AdminSite site) : IClassFixture<AdminSite>
{
    [Fact]
    public async Task The_registry_exports_as_csv_and_json()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);

        var csv = await client.GetAsync("/admin/registry?handler=Csv");
        var json = await client.GetAsync("/admin/registry?handler=Json");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("name,alignment,country,domains,aliases,rationale", await csv.Content.ReadAsStringAsync());
        Assert.Contains("\"name\": \"South China Morning Post\"", await json.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_topic_form_gives_the_browser_the_same_bounds_the_editor_enforces()
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/admin/topics/edit/{topicId}"));

        string? Attribute(string id, string name) => page.QuerySelector($"form.stacked-form input#{id}")?.GetAttribute(name);
        Assert.Equal(("1", "50", "Input.Quota"), (Attribute("quota", "min"), Attribute("quota", "max"), Attribute("quota", "name")));
        Assert.Equal((TopicLimits.MinDigestHour.ToString(), TopicLimits.MaxDigestHour.ToString()), (Attribute("digest-hour", "min"), Attribute("digest-hour", "max")));
        Assert.Equal(("[a-z0-9]+(-[a-z0-9]+)*", "required", "us-china"), (Attribute("slug", "pattern"), Attribute("slug", "required"), Attribute("slug", "value")));
        Assert.Equal(TopicLimits.MaxNameLength.ToString(), Attribute("name", "maxlength"));
        // A checked box, and the hidden "false" an unchecked one falls back to.
        Assert.Equal("checked", Attribute("Input_Enabled", "checked"));
        Assert.Single(page.QuerySelectorAll("form.stacked-form input[type=hidden][name='Input.Enabled'][value=false]"));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/feed.xml")]
    [InlineData("http://[fd00::1]/feed.xml")]
    [InlineData("http://192.168.1.1:8080/feed.xml")]
    public async Task A_feed_on_a_private_or_link_local_address_is_refused_when_saved(string url)
    {
        using var client = await Browserless.SignedInAsync(site.App, "boot@example.org", admin: true);
        int topicId;
        await using (var db = site.Database.CreateContext())
            topicId = await db.Topics.Where(t => t.Slug == "us-china").Select(t => t.Id).SingleAsync();

        var response = await Browserless.PostFormAsync(client, $"/admin/topics/{topicId}/feeds",
            new() { ["Input.Name"] = "inside", ["Input.Kind"] = "Direct", ["Input.Url"] = url, ["Input.Enabled"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be on this machine or a private network", await response.Content.ReadAsStringAsync());
        await using var check = site.Database.CreateContext();
        Assert.False(await check.Feeds.AnyAsync(f => f.Name == "inside"));
    }
}

/// <summary>
/// The app with the sample feed imported and a first admin (boot@example.org) from configuration; no registry. Each
/// client it makes signs in from an address of its own, so the per-client sign-in limit never counts one test's
/// sign-ins against another's. <see cref="ResetAsync"/> puts its data, schedules and cached pages back as they were.
/// </summary>
public sealed class AdminSite : IAsyncLifetime
{
    private DatabaseSnapshot _snapshot = null!;

    public TestDatabase Database { get; } = new();
    public AppFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppFactory(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Registry:SeedOnStartup"] = "false",
            ["Admin:Email"] = "boot@example.org",
            ["Admin:Password"] = "bootstrap passphrase",
        }, eachClientItsOwnAddress: true);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FeedFileImporter>().ImportAsync("us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina), CancellationToken.None);
        _snapshot = await DatabaseSnapshot.TakeAsync(Database.ConnectionString);
    }

    /// <summary>The data as <see cref="InitializeAsync"/> left it, the topics' schedules to match, and no cached reader page.</summary>
    public Task ResetAsync() => _snapshot.RestoreAsync(App.Services);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
