using Aggregator.Model;
using Aggregator.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Aggregator.Bench;

/// <summary>
/// Fills a database deterministically (fixed seed): <see cref="Topics"/> topics, <see cref="Outlets"/> outlets, about a
/// million articles over <see cref="Days"/> days in stories of 1–8 articles, and the digest of every topic-day. Rows go
/// in with binary COPY, the way a bulk load should.
/// </summary>
public sealed class Generator(AppDbContext db, int articles)
{
    public const int Topics = 10;
    public const int Outlets = 500;
    public const int Days = 365;
    public static readonly DateOnly LastDay = new(2026, 11, 1);
    public static DateOnly FirstDay => LastDay.AddDays(-(Days - 1));

    private static readonly string[] Subjects =
    [
        "tariff", "soybean", "semiconductor", "export", "rare earth", "Taiwan", "South China Sea", "fentanyl", "student visa",
        "TikTok", "Boeing", "battery", "solar panel", "steel", "shipping", "currency", "treasury", "summit", "embassy", "drone",
        "satellite", "hypersonic", "cyberattack", "sanction", "investment", "chip", "graphite", "lithium", "pork", "wheat",
        "aircraft carrier", "port", "telecom", "5G", "AI model", "quantum", "panda", "consulate", "journalist", "climate",
    ];
    public async Task<bool> IsGeneratedAsync(CancellationToken cancellationToken) =>
        await db.Topics.AnyAsync(t => t.Slug == TopicSlug(0), cancellationToken);

    public static string TopicSlug(int topic) => $"bench-{topic}";
    public static string OutletName(int outlet) => $"Bench Outlet {outlet:000}";

    public async Task GenerateAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var random = new Random(20261123);
        var now = new DateTimeOffset(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var topics = new List<Topic>();
        for (var t = 0; t < Topics; t++)
        {
            var topic = new Topic
            {
                Slug = TopicSlug(t), Name = $"Bench topic {t}", CreatedAt = now,
                Sides = [new TopicSide { Side = Side.Us, Name = "United States", Position = 0 }, new TopicSide { Side = Side.China, Name = "China", Position = 1 }],
            };
            db.Topics.Add(topic);
            topics.Add(topic);
        }
        var outlets = Enumerable.Range(0, Outlets).Select(i => new Outlet
        {
            Name = OutletName(i), NormalizedName = OutletName(i).ToLowerInvariant(), Side = i % 2 == 0 ? Side.Us : Side.China,
            Origin = OutletOrigin.Registry, FirstSeenAt = now, CreatedAt = now, UpdatedAt = now,
            Domains = [new OutletDomain { Host = $"outlet{i:000}.bench.example" }],
        }).ToList();
        db.Outlets.AddRange(outlets);
        await db.SaveChangesAsync(cancellationToken);
        var us = outlets.Where(o => o.Side == Side.Us).ToList();
        var china = outlets.Where(o => o.Side == Side.China).ToList();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var perTopicDay = Math.Max(20, articles / (Topics * Days));
        long articleId = 0, storyId = 0;
        var digestId = 0;

        var storyRows = new StoryRows();
        await using (var articleCopy = await connection.BeginBinaryImportAsync(
            "COPY articles (id, link, normalized_link, headline, normalized_title, outlet_id, side, source_name, source_url, locale, published_at, first_seen_at, is_outlet_page, language) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var topic in topics)
                for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
                {
                    var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    var written = 0;
                    while (written < perTopicDay)
                    {
                        var size = Math.Min(perTopicDay - written, 1 + random.Next(8));
                        var sides = random.Next(10) switch { < 4 => new[] { Side.Us, Side.China }, < 7 => [Side.Us], _ => [Side.China] };
                        var subject = StoryWording(random);
                        var id = ++storyId;
                        var first = start.AddMinutes(random.Next(20 * 60));
                        var members = new List<(long Article, DateTimeOffset At)>();
                        for (var i = 0; i < size; i++)
                        {
                            var side = sides[i % sides.Length];
                            var outlet = (side == Side.Us ? us : china)[random.Next(us.Count)];
                            var headline = HeadlineWording(subject, random);
                            var at = first.AddMinutes(random.Next(240));
                            var link = $"https://outlet{outlets.IndexOf(outlet):000}.bench.example/{topic.Id}/{++articleId}";
                            await articleCopy.StartRowAsync(cancellationToken);
                            await articleCopy.WriteAsync(articleId, NpgsqlDbType.Bigint, cancellationToken);
                            await articleCopy.WriteAsync(link, NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(link, NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(headline, NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(headline.ToLowerInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(outlet.Id, NpgsqlDbType.Integer, cancellationToken);
                            await articleCopy.WriteAsync(side.ToCode(), NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(outlet.Name, NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteNullAsync(cancellationToken);
                            await articleCopy.WriteAsync("en-US", NpgsqlDbType.Varchar, cancellationToken);
                            await articleCopy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                            await articleCopy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
                            await articleCopy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                            await articleCopy.WriteAsync("en", NpgsqlDbType.Varchar, cancellationToken);
                            members.Add((articleId, at));
                            storyRows.Members.Add((topic.Id, articleId, id, side, at, headline, outlet.Name, link));
                        }
                        storyRows.Stories.Add((id, topic.Id, members.Min(m => m.At), members.Max(m => m.At), members.Count));
                        written += size;
                    }
                }
            await articleCopy.CompleteAsync(cancellationToken);
        }
        log.WriteLine($"  {articleId:N0} articles in {storyId:N0} stories");
        await storyRows.WriteAsync(connection, now, cancellationToken);
        digestId = await storyRows.WriteDigestsAsync(connection, topics, now, cancellationToken);
        log.WriteLine($"  {digestId:N0} digests");
        await using (var sequences = new NpgsqlCommand("""
            SELECT setval(pg_get_serial_sequence('articles', 'id'), (SELECT max(id) FROM articles));
            SELECT setval(pg_get_serial_sequence('stories', 'id'), (SELECT max(id) FROM stories));
            SELECT setval(pg_get_serial_sequence('digests', 'id'), (SELECT max(id) FROM digests));
            ANALYZE;
            """, connection))
            await sequences.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// What a story is about: a subject, a place, and three words of its own (names, say). Stories share common words as
    /// real ones do ("tariff", "Taiwan"), but each has words no other story uses. (Stock two-word phrases shared by
    /// many stories in a few hours, "talks resume", make the story engine join different stories: see docs/performance.md.)
    /// </summary>
    public static string StoryWording(Random random) =>
        $"{Subjects[random.Next(Subjects.Length)]} {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {Places[random.Next(Places.Length)]} {Words[random.Next(Words.Length)]}";

    /// <summary>One outlet's headline of a story: the story's words and two of the outlet's own, as outlets word one event differently.</summary>
    public static string HeadlineWording(string story, Random random) =>
        $"{char.ToUpperInvariant(story[0])}{story[1..]} {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}";

    /// <summary>
    /// 4,096 English words (the most frequent content words of the UCI News Aggregator headlines in the test corpora).
    /// Real words matter to the story engine's embedding model: made-up syllables all read alike to it (a fifth of the
    /// pairs of such headlines reached the join bar, against 0.4% of real headlines' pairs), so every story would touch
    /// every other. Headlines of random real words are as far apart as real headlines (mean cosine 0.21 against 0.19).
    /// </summary>
    private static readonly string[] Words = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "words.txt"))
        .Where(w => w.Length > 0).ToArray();

    private static readonly string[] Places =
    [
        "Shanghai", "Shenzhen", "Guangdong", "Hong Kong", "Taipei", "Manila", "Hanoi", "Seoul", "Tokyo", "Canberra", "Brussels",
        "Berlin", "Paris", "London", "Ottawa", "Mexico", "Brazil", "Kenya", "Nigeria", "Pakistan", "India", "Indonesia",
        "Singapore", "Malaysia", "Texas", "California", "Michigan", "Ohio", "Arizona", "Alaska",
    ];

    /// <summary>The stories, memberships and digests of the generated articles, written after them.</summary>
    private sealed class StoryRows
    {
        public List<(long Id, int Topic, DateTimeOffset First, DateTimeOffset Last, int Count)> Stories { get; } = [];
        public List<(int Topic, long Article, long Story, Side Side, DateTimeOffset At, string Headline, string Outlet, string Link)> Members { get; } = [];

        public async Task WriteAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await using (var stories = await connection.BeginBinaryImportAsync(
                "COPY stories (id, topic_id, first_article_at, last_article_at, article_count, accepts_new_articles, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var s in Stories)
                    await stories.WriteRowAsync(cancellationToken, s.Id, s.Topic, s.First, s.Last, s.Count, true, now);
                await stories.CompleteAsync(cancellationToken);
            }
            await using var members = await connection.BeginBinaryImportAsync(
                "COPY article_topics (topic_id, article_id, added_at, story_id, story_pinned) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var m in Members)
                await members.WriteRowAsync(cancellationToken, m.Topic, m.Article, m.At, m.Story, false);
            await members.CompleteAsync(cancellationToken);
        }

        /// <summary>Each topic-day's digest: ten articles a side, one per story, newest first, as the publisher stores them.</summary>
        public async Task<int> WriteDigestsAsync(NpgsqlConnection connection, IReadOnlyList<Topic> topics, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var id = 0;
            await using var digests = await connection.BeginBinaryImportAsync(
                "COPY digests (id, topic_id, date, version, title, topic_slug, topic_name, generated_at, window_start, window_end, per_side_count, is_thin, highlighter, content_hash) FROM STDIN (FORMAT BINARY)", cancellationToken);
            var lines = new List<object[]>();
            var sides = new List<object[]>();
            var highlights = new List<object[]>();
            foreach (var day in Members.GroupBy(m => (m.Topic, Day: DateOnly.FromDateTime(m.At.UtcDateTime))))
            {
                var topic = topics.Single(t => t.Id == day.Key.Topic);
                var picked = new[] { Side.Us, Side.China }.SelectMany(side => day.Where(m => m.Side == side).GroupBy(m => m.Story).Select(g => g.First()).Take(10)).ToList();
                var perSide = new[] { Side.Us, Side.China }.Min(side => picked.Count(p => p.Side == side));
                picked = new[] { Side.Us, Side.China }.SelectMany(side => picked.Where(p => p.Side == side).Take(perSide)).OrderByDescending(p => p.At).ThenBy(p => p.Article).ToList();
                var windowEnd = new DateTimeOffset(day.Key.Day.AddDays(1).ToDateTime(new TimeOnly(4, 0)), TimeSpan.Zero);
                await digests.WriteRowAsync(cancellationToken, ++id, topic.Id, day.Key.Day.AddDays(1), 1, $"{topic.Name} News - {day.Key.Day.AddDays(1):yyyy-MM-dd}",
                    topic.Slug, topic.Name, now, windowEnd.AddDays(-1), windowEnd, perSide, perSide < 3, "extractive", $"bench-{id}");
                sides.Add([id, Side.Us.ToCode(), "United States", perSide, 0]);
                sides.Add([id, Side.China.ToCode(), "China", perSide, 1]);
                for (var i = 0; i < Math.Min(3, picked.Count); i++) highlights.Add([id, i + 1, $"Highlight: {picked[i].Headline}", picked[i].Story]);
                for (var i = 0; i < picked.Count; i++)
                    lines.Add([id, i + 1, picked[i].Article, picked[i].Story, picked[i].Side.ToCode(), picked[i].Headline, picked[i].Link, picked[i].Outlet, false, "en-US", picked[i].At]);
            }
            await digests.CompleteAsync(cancellationToken);
            await digests.DisposeAsync();
            await CopyAsync(connection, "COPY digest_sides (digest_id, side, name, article_count, position) FROM STDIN (FORMAT BINARY)", sides, cancellationToken);
            await CopyAsync(connection, "COPY digest_highlights (digest_id, position, text, story_id) FROM STDIN (FORMAT BINARY)", highlights, cancellationToken);
            await CopyAsync(connection, "COPY digest_articles (digest_id, position, article_id, story_id, side, headline, link, outlet_name, provisional, locale, published_at) FROM STDIN (FORMAT BINARY)", lines, cancellationToken);
            return id;
        }

        private static async Task CopyAsync(NpgsqlConnection connection, string copy, List<object[]> rows, CancellationToken cancellationToken)
        {
            await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
            foreach (var row in rows) await importer.WriteRowAsync(cancellationToken, row);
            await importer.CompleteAsync(cancellationToken);
        }
    }
}
