using System.Text.RegularExpressions;
using Aggregator.Caching;
using Aggregator.Fetching;
using Aggregator.Model;
using Aggregator.Scheduling;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aggregator.Topics;

/// <summary>A topic's settings as an admin edits them.</summary>
public sealed record TopicSettings(
    string Slug, string Name, string UsName, string ChinaName, int PerSideQuota, int DigestHourUtc, int FetchIntervalMinutes,
    bool Enabled, bool IncludeProvisional, int BlindspotMinArticles, int BlindspotMinOutlets, IReadOnlyList<string> Languages,
    bool FetchArticleText = false)
{
    public static TopicSettings Of(Topic topic) => new(
        topic.Slug, topic.Name,
        topic.Sides.FirstOrDefault(p => p.Side == Side.Us)?.Name ?? SideNames.DefaultUs,
        topic.Sides.FirstOrDefault(p => p.Side == Side.China)?.Name ?? SideNames.DefaultChina,
        topic.PerSideQuota, topic.DigestHourUtc, topic.FetchIntervalMinutes, topic.Enabled, topic.IncludeProvisional,
        topic.BlindspotMinArticles, topic.BlindspotMinOutlets, topic.Languages, topic.FetchArticleText);

    /// <summary>Languages written as codes separated by commas or spaces ("en", "en, zh"), lower-cased, each once.</summary>
    public static IReadOnlyList<string> LanguageCodes(string? text) =>
        (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => code.ToLowerInvariant()).Distinct().ToList();

    /// <summary>What is wrong with these settings by <see cref="TopicLimits"/>, in words an admin acts on; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Regex.IsMatch(Slug ?? "", TopicLimits.SlugPattern) || Slug!.Length > TopicLimits.MaxSlugLength)
            problems.Add("the slug must be lower-case letters and digits separated by single hyphens");
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("the name is required");
        if (string.IsNullOrWhiteSpace(UsName) || string.IsNullOrWhiteSpace(ChinaName)) problems.Add("both sides need a name");
        if (PerSideQuota is < TopicLimits.MinPerSideQuota or > TopicLimits.MaxPerSideQuota)
            problems.Add($"articles per side must be between {TopicLimits.MinPerSideQuota} and {TopicLimits.MaxPerSideQuota}");
        if (DigestHourUtc is < TopicLimits.MinDigestHour or > TopicLimits.MaxDigestHour)
            problems.Add($"the digest hour must be between {TopicLimits.MinDigestHour} and {TopicLimits.MaxDigestHour}");
        if (FetchIntervalMinutes is < TopicLimits.MinFetchIntervalMinutes or > TopicLimits.MaxFetchIntervalMinutes)
            problems.Add($"the fetch interval must be between {TopicLimits.MinFetchIntervalMinutes} and {TopicLimits.MaxFetchIntervalMinutes} minutes");
        if (BlindspotMinArticles is < TopicLimits.MinBlindspotArticles or > TopicLimits.MaxBlindspotArticles)
            problems.Add($"a blindspot's least number of articles must be between {TopicLimits.MinBlindspotArticles} and {TopicLimits.MaxBlindspotArticles}");
        if (BlindspotMinOutlets is < TopicLimits.MinBlindspotOutlets or > TopicLimits.MaxBlindspotOutlets)
            problems.Add($"a blindspot's least number of outlets must be between {TopicLimits.MinBlindspotOutlets} and {TopicLimits.MaxBlindspotOutlets}");
        if (Languages.Count is 0 or > TopicLimits.MaxLanguages || Languages.Any(code => !Regex.IsMatch(code, TopicLimits.LanguagePattern)))
            problems.Add($"the digest languages must be one to {TopicLimits.MaxLanguages} two-letter language codes, such as \"en\" or \"en, zh\"");
        return problems;
    }
}

/// <summary>The outcome of saving a topic: the topic saved, or the problems that kept it from being saved.</summary>
public sealed record TopicSaveResult(Topic? Topic, IReadOnlyList<string> Problems);

/// <summary>A feed of a topic as an admin edits it: a Google News search (query and edition) or an outlet's own feed URL.</summary>
public sealed record FeedSettings(string Name, string Kind, string? Query, string? Edition, string? Url, bool Enabled)
{
    /// <summary>
    /// What is wrong with these settings, and the kind they name. A plainly local URL (localhost, a loopback, private or
    /// link-local address in any spelling) is refused here already, unless <paramref name="allowedAddresses"/> lists
    /// it; names that resolve inward are refused when fetched (<see cref="Fetching.PublicAddressGuard"/>).
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> allowedAddresses, out FeedKind kind)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("the name is required");
        if (!Enum.TryParse(Kind, out kind)) problems.Add("choose a source kind");
        else if (kind == FeedKind.GoogleNews)
        {
            if (string.IsNullOrWhiteSpace(Query)) problems.Add("a Google News feed needs a search query");
            if (string.IsNullOrWhiteSpace(Edition) || !Regex.IsMatch(Edition.Trim(), "^[a-zA-Z]{2,3}(-[a-zA-Z]{2})?$"))
                problems.Add("the edition must look like en-US");
        }
        else if (Parsing.FeedText.HttpLink(Url) is not { } url) problems.Add("an outlet feed needs an http or https URL");
        else if (IsLocal(new Uri(url), allowedAddresses)) problems.Add("an outlet feed cannot be on this machine or a private network");
        return problems;
    }

    private static bool IsLocal(Uri url, IReadOnlyCollection<string> allowedAddresses) =>
        url.IsLoopback || url.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? !allowedAddresses.Contains("127.0.0.1")
            : System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && !Fetching.PublicAddressGuard.IsPublic(address)
              && !allowedAddresses.Contains(address.ToString());
}

/// <summary>The outcome of saving a feed: the feed saved, or the problems that kept it from being saved.</summary>
public sealed record FeedSaveResult(Feed? Feed, IReadOnlyList<string> Problems);

/// <summary>
/// Owns changes to topics and their feeds, as <c>RegistryEditor</c> owns outlets: the settings' rules, the audit entries,
/// the schedules (every instance's, through the job store) and the readers' cached pages that name the topic.
/// </summary>
public sealed class TopicEditor(
    AppDbContext db, ScheduleSynchronizer schedules, ReaderPageCache readerPages, IOptions<FetchOptions> fetching, TimeProvider clock)
{
    /// <summary>Creates a topic (<paramref name="id"/> null) or updates one; null when the topic to update does not exist.</summary>
    public async Task<TopicSaveResult?> SaveAsync(int? id, TopicSettings settings, string actor, CancellationToken cancellationToken)
    {
        var problems = settings.Problems().ToList();
        var slug = settings.Slug.Trim();
        if (await db.Topics.AnyAsync(t => t.Slug == slug && t.Id != id, cancellationToken)) problems.Add($"another topic already uses the slug '{slug}'");
        Topic? topic = null;
        if (id is not null)
        {
            topic = await db.Topics.Include(t => t.Sides).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (topic is null) return null;
        }
        if (problems.Count > 0) return new TopicSaveResult(null, problems);

        var now = clock.GetUtcNow();
        var before = topic is null ? null : Snapshot(topic);
        topic ??= db.Topics.Add(new Topic { Slug = slug, Name = settings.Name, CreatedAt = now }).Entity;
        topic.Slug = slug;
        topic.Name = settings.Name.Trim();
        topic.PerSideQuota = settings.PerSideQuota;
        topic.DigestHourUtc = settings.DigestHourUtc;
        topic.FetchIntervalMinutes = settings.FetchIntervalMinutes;
        topic.Enabled = settings.Enabled;
        topic.IncludeProvisional = settings.IncludeProvisional;
        topic.BlindspotMinArticles = settings.BlindspotMinArticles;
        topic.BlindspotMinOutlets = settings.BlindspotMinOutlets;
        topic.Languages = [.. settings.Languages];
        topic.FetchArticleText = settings.FetchArticleText;
        SetSide(topic, Side.Us, settings.UsName, 0);
        SetSide(topic, Side.China, settings.ChinaName, 1);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(actor, before is null ? AuditActions.TopicCreated : AuditActions.TopicUpdated, "topic", topic.Id, before, Snapshot(topic), now));
        await db.SaveChangesAsync(cancellationToken);
        await schedules.SynchronizeAsync(cancellationToken);
        // Readers' cached pages name the topic and its sides, list enabled topics and draw blindspots by its thresholds.
        await readerPages.EvictAsync(cancellationToken);
        return new TopicSaveResult(topic, []);
    }

    /// <summary>Adds a feed to a topic (<paramref name="feedId"/> null) or updates one; null when the topic or feed does not exist.</summary>
    public async Task<FeedSaveResult?> SaveFeedAsync(int topicId, int? feedId, FeedSettings settings, string actor, CancellationToken cancellationToken)
    {
        if (!await db.Topics.AnyAsync(t => t.Id == topicId, cancellationToken)) return null;
        Feed? feed = null;
        if (feedId is not null)
        {
            feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == feedId && f.TopicId == topicId, cancellationToken);
            if (feed is null) return null;
        }
        var problems = settings.Problems(fetching.Value.AllowedAddresses, out var kind).ToList();
        var name = (settings.Name ?? "").Trim();
        if (await db.Feeds.AnyAsync(f => f.TopicId == topicId && f.Name == name && f.Id != feedId, cancellationToken))
            problems.Add($"this topic already has a feed named '{settings.Name}'");
        if (problems.Count > 0) return new FeedSaveResult(null, problems);

        var now = clock.GetUtcNow();
        var before = feed is null ? null : Snapshot(feed);
        feed ??= db.Feeds.Add(new Feed { Name = name, TopicId = topicId, CreatedAt = now }).Entity;
        feed.Name = name;
        feed.ChangeSource(kind, settings.Query, settings.Edition, settings.Url);
        feed.Enabled = settings.Enabled;
        await db.SaveChangesAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Create(actor, before is null ? AuditActions.FeedCreated : AuditActions.FeedUpdated, "feed", feed.Id, before, Snapshot(feed), now));
        await db.SaveChangesAsync(cancellationToken);
        return new FeedSaveResult(feed, []);
    }

    /// <summary>Deletes a feed (its articles stay); false when it does not exist.</summary>
    public async Task<Feed?> DeleteFeedAsync(int topicId, int feedId, string actor, CancellationToken cancellationToken)
    {
        var feed = await db.Feeds.SingleOrDefaultAsync(f => f.Id == feedId && f.TopicId == topicId, cancellationToken);
        if (feed is null) return null;
        db.AuditEntries.Add(AuditEntry.Create(actor, AuditActions.FeedDeleted, "feed", feed.Id, Snapshot(feed), null, clock.GetUtcNow()));
        db.Feeds.Remove(feed);
        await db.SaveChangesAsync(cancellationToken);
        return feed;
    }

    private static object Snapshot(Feed f) => new { f.Name, Kind = f.Kind.ToString(), f.Query, f.Edition, f.Url, f.Enabled };

    private static void SetSide(Topic topic, Side side, string name, int position)
    {
        var existing = topic.Sides.FirstOrDefault(s => s.Side == side);
        if (existing is null) topic.Sides.Add(new TopicSide { Side = side, Name = name.Trim(), Position = position });
        else existing.Name = name.Trim();
    }

    private static object Snapshot(Topic t) => new
    {
        t.Slug, t.Name, t.PerSideQuota, t.DigestHourUtc, t.FetchIntervalMinutes, t.Enabled, t.IncludeProvisional, t.BlindspotMinArticles, t.BlindspotMinOutlets,
        Languages = string.Join(",", t.Languages),
        t.FetchArticleText,
        Sides = t.Sides.OrderBy(p => p.Position).Select(p => $"{p.Side.ToCode()}:{p.Name}").ToList(),
    };
}
