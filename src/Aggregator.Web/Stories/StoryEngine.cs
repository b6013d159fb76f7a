using System.Numerics;
using Aggregator.Model;

namespace Aggregator.Stories;

/// <summary>
/// A headline to place in a story; <see cref="Key"/> is the caller's id for it (an article id, a row number).
/// <see cref="Embedding"/> is its sentence embedding (unit length, <see cref="IHeadlineEmbedder"/>).
/// </summary>
public sealed record StoryHeadline(long Key, string Headline, DateTimeOffset PublishedAt, Side Side, float[] Embedding);

/// <summary>
/// A stored story the incoming headlines may join. Its members shape its centroids and the term statistics.
/// A story an admin split off (<see cref="AcceptsNewArticles"/> false) keeps its articles and takes no others.
/// </summary>
public sealed record KnownStory(long Id, IReadOnlyList<StoryHeadline> Members, bool AcceptsNewArticles = true);

/// <summary>Where each incoming headline goes: into a known story (key → story id), or into a new story.</summary>
public sealed record StoryPlan(IReadOnlyDictionary<long, long> JoinKnown, IReadOnlyList<IReadOnlyList<long>> NewStories);

/// <param name="Gap">Longest quiet time inside a story: two groups merge only when one's articles come within this of the other's.</param>
/// <param name="LexicalWeight">Weight of the term similarity beside the embedding similarity (weight 1).</param>
/// <param name="JoinBar">Least combined similarity of two groups' centroids for them to become one story.</param>
/// <param name="CrossSideBar">
/// Least average combined similarity between one side's headlines and the other side's for a merge that puts the two
/// sides in one story: the claim readers see ("the same story, told by each side") has the stronger bar.
/// </param>
/// <param name="CrossSideTermBar">
/// Least average term similarity between the two sides' headlines for that merge: the two sides must also share
/// what the story is about (a name, a place, a figure), not only the subject the embedding sees.
/// </param>
public sealed record StoryEngineSettings(TimeSpan Gap, double LexicalWeight, double JoinBar, double CrossSideBar, double CrossSideTermBar)
{
    public static readonly StoryEngineSettings Default = new(TimeSpan.FromHours(18), 0.75, 0.60, 0.57, 0.14);
}

/// <summary>
/// Groups headlines into stories by agglomerative clustering on two kinds of evidence: the cosine of sentence
/// embeddings (meaning, across different wording) and the cosine of TF-IDF term vectors whose IDF comes from the
/// topic's own recent headlines (so the words every headline of a topic shares weigh almost nothing, and names,
/// places and numbers decide). Every headline starts as its own group (a known story is one group); the most similar
/// pair of groups that overlap in time within <see cref="StoryEngineSettings.Gap"/> is merged, again and again, while
/// the similarity of their centroids reaches <see cref="StoryEngineSettings.JoinBar"/>. A merge that brings the two
/// sides together must also pass <see cref="StoryEngineSettings.CrossSideBar"/> and
/// <see cref="StoryEngineSettings.CrossSideTermBar"/> on the averages over the new cross-side pairs, and a side made only
/// of market reports pairs only with market reports (<see cref="MarketReports"/>). Two known stories never merge (stored
/// ids stay). Candidate pairs come from headline pairs within the gap that reach the lower bar. Deterministic and independent of input order: ties break on the smallest key.
/// The variants compared on the labelled corpora are in docs/stories.md.
/// </summary>
public static class StoryEngine
{
    public static StoryPlan Plan(IReadOnlyList<KnownStory> known, IReadOnlyList<StoryHeadline> incoming, StoryEngineSettings settings,
        IEnumerable<string>? termContext = null)
    {
        var knownOrdered = known.Where(s => s.Members.Count > 0).OrderBy(s => s.Id).ToList();
        var incomingOrdered = incoming.OrderBy(h => h.PublishedAt).ThenBy(h => h.Key).ToList();
        var terms = new TermWeights(termContext ?? knownOrdered.SelectMany(s => s.Members).Concat(incomingOrdered).Select(h => h.Headline));

        // Headlines the model does not read carry no embedding; their groups still hold centroids of the others' size.
        var dimensions = knownOrdered.SelectMany(s => s.Members).Concat(incomingOrdered).Select(h => h.Embedding.Length).DefaultIfEmpty(0).Max();
        var groups = new List<Group>();
        foreach (var story in knownOrdered)
        {
            var group = new Group(groups.Count, story.Id, story.AcceptsNewArticles, dimensions);
            foreach (var member in story.Members) group.Add(terms.EvidenceOf(member), member.PublishedAt, member.Side, key: null);
            groups.Add(group);
        }
        var singles = new List<(Group Group, Evidence Evidence, DateTimeOffset At)>();
        foreach (var headline in incomingOrdered)
        {
            var group = new Group(groups.Count, knownId: null, acceptsNewArticles: true, dimensions);
            var evidence = terms.EvidenceOf(headline);
            group.Add(evidence, headline.PublishedAt, headline.Side, headline.Key);
            groups.Add(group);
            singles.Add((group, evidence, headline.PublishedAt));
        }

        var floor = Math.Min(settings.JoinBar, settings.CrossSideBar);
        var queue = new PriorityQueue<(int A, int B, int VersionA, int VersionB), (double Score, int A, int B)>(
            Comparer<(double Score, int A, int B)>.Create((x, y) =>
            {
                var byScore = y.Score.CompareTo(x.Score);
                return byScore != 0 ? byScore : x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B);
            }));
        void Consider(Group a, Group b)
        {
            if (!Mergeable(a, b, settings.Gap)) return;
            var score = a.All.Similarity(b.All, settings.LexicalWeight);
            if (score < settings.JoinBar || !CrossSidesAgree(a, b, settings)) return;
            var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
            queue.Enqueue((first.Index, second.Index, first.Version, second.Version), (score, first.Index, second.Index));
        }

        // Candidate pairs: each incoming headline against the headlines near it in time (known members included).
        var members = knownOrdered.SelectMany((s, i) => s.Members.Select(m => (Group: groups[i], Evidence: terms.EvidenceOf(m), At: m.PublishedAt)))
            .Concat(singles).OrderBy(x => x.At).ToList();
        var times = members.Select(m => m.At).ToArray();
        foreach (var (group, evidence, at) in singles)
        {
            var start = LowerBound(times, Shift(at, -settings.Gap));
            for (var i = start; i < members.Count && members[i].At - at <= settings.Gap; i++)
            {
                var other = members[i];
                if (other.Group == group || (other.Group.KnownId is null && other.Group.Index < group.Index)) continue;
                if (evidence.Similarity(other.Evidence, settings.LexicalWeight) < floor) continue;
                group.Partners.Add(other.Group.Index);
                other.Group.Partners.Add(group.Index);
            }
        }
        foreach (var group in groups.Where(g => g.KnownId is null))
            foreach (var partner in group.Partners.Order())
                if (partner > group.Index || groups[partner].KnownId is not null) Consider(group, groups[partner]);

        while (queue.TryDequeue(out var pair, out _))
        {
            var (a, b) = (groups[pair.A], groups[pair.B]);
            if (!a.Alive || !b.Alive || a.Version != pair.VersionA || b.Version != pair.VersionB) continue;
            var (survivor, absorbed) = b.KnownId is not null ? (b, a) : (a, b);
            survivor.Absorb(absorbed, groups);
            foreach (var partner in survivor.Partners.Order()) Consider(survivor, groups[partner]);
        }

        var joinKnown = new Dictionary<long, long>();
        var newStories = new List<IReadOnlyList<long>>();
        foreach (var group in groups.Where(g => g.Alive && g.Keys.Count > 0))
        {
            if (group.KnownId is { } id) foreach (var key in group.Keys) joinKnown[key] = id;
            else newStories.Add(group.Keys.Order().ToList());
        }
        return new StoryPlan(joinKnown, newStories.OrderBy(s => s[0]).ToList());
    }

    /// <summary>
    /// The known stories that <paramref name="incoming"/> headlines could join or reshape: those with a member within the
    /// gap of an incoming headline whose similarity to it reaches the lower of the two bars. Placement re-places the
    /// recent members of these stories with the incoming ones; the others cannot be reached by them.
    /// </summary>
    public static IReadOnlySet<long> Touched(IReadOnlyList<KnownStory> known, IReadOnlyList<StoryHeadline> incoming, StoryEngineSettings settings,
        IEnumerable<string>? termContext = null)
    {
        var terms = new TermWeights(termContext ?? known.SelectMany(s => s.Members).Concat(incoming).Select(h => h.Headline));
        var floor = Math.Min(settings.JoinBar, settings.CrossSideBar);
        var members = known.SelectMany(s => s.Members.Select(m => (Story: s.Id, Evidence: terms.EvidenceOf(m), At: m.PublishedAt)))
            .OrderBy(m => m.At).ToList();
        var times = members.Select(m => m.At).ToArray();
        var touched = new HashSet<long>();
        foreach (var headline in incoming)
        {
            var evidence = terms.EvidenceOf(headline);
            for (var i = LowerBound(times, Shift(headline.PublishedAt, -settings.Gap)); i < members.Count && members[i].At - headline.PublishedAt <= settings.Gap; i++)
                if (!touched.Contains(members[i].Story) && evidence.Similarity(members[i].Evidence, settings.LexicalWeight) >= floor)
                    touched.Add(members[i].Story);
        }
        return touched;
    }

    private static bool Mergeable(Group a, Group b, TimeSpan gap) =>
        a != b && a.Alive && b.Alive && (a.KnownId is null || b.KnownId is null)
        && a.AcceptsNewArticles && b.AcceptsNewArticles && a.Overlaps(b, gap);

    /// <summary>Each side of one group against the other side of the other: the average pair must pass the cross-side bar.</summary>
    private static bool CrossSidesAgree(Group a, Group b, StoryEngineSettings settings) =>
        Agree(a.Us, b.China, settings) && Agree(a.China, b.Us, settings);

    private static bool Agree(Centroid one, Centroid other, StoryEngineSettings settings)
    {
        if (one.Count == 0 || other.Count == 0) return true;
        if (one.AllMarketReports != other.AllMarketReports) return false;
        var (semantic, lexical) = one.AverageSimilarity(other);
        return semantic + settings.LexicalWeight * lexical >= settings.CrossSideBar && lexical >= settings.CrossSideTermBar;
    }

    private static int LowerBound(DateTimeOffset[] times, DateTimeOffset at)
    {
        var (low, high) = (0, times.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (times[middle] < at) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static DateTimeOffset Shift(DateTimeOffset at, TimeSpan by) =>
        by < TimeSpan.Zero
            ? (at - DateTimeOffset.MinValue < -by ? DateTimeOffset.MinValue : at + by)
            : (DateTimeOffset.MaxValue - at < by ? DateTimeOffset.MaxValue : at + by);

    /// <summary>
    /// IDF over the headlines at hand (the topic's recent ones): ln(n / df), so a word in every headline weighs 0. Each
    /// language group has its own vocabulary and its own n: headlines written in Chinese, Japanese or Korean script
    /// among themselves, the others among themselves. A topic's Chinese headlines must not make its common English
    /// words look rare (their digits and Latin acronyms would otherwise count as English documents), and a Chinese
    /// headline shares no terms with an English one: neither the terms nor the English model can tell that they agree.
    /// </summary>
    private sealed class TermWeights
    {
        private const string CjkVocabulary = "\u0001";
        private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
        private readonly List<int> documentFrequency = [];
        private readonly Dictionary<string, (int Group, int[] Terms)> terms = new(StringComparer.Ordinal);
        private readonly Dictionary<StoryHeadline, Evidence> evidence = new(ReferenceEqualityComparer.Instance);
        private readonly int[] documents = new int[2];

        public TermWeights(IEnumerable<string> headlines)
        {
            foreach (var headline in headlines)
            {
                var (group, termsOfHeadline) = TermsOf(headline);
                documents[group]++;
                foreach (var term in termsOfHeadline) documentFrequency[term]++;
            }
        }

        /// <summary>A headline's term ids, sorted (each term once): ids are given on first sight, with no documents yet.</summary>
        private (int Group, int[] Terms) TermsOf(string headline)
        {
            if (terms.TryGetValue(headline, out var known)) return known;
            var cjk = Scripts.IsWrittenInCjk(headline);
            var termIds = HeadlineTerms.Of(headline).Select(t => IdOf(cjk ? CjkVocabulary + t : t)).Distinct().Order().ToArray();
            return terms[headline] = (cjk ? 1 : 0, termIds);
        }

        private int IdOf(string term)
        {
            if (ids.TryGetValue(term, out var id)) return id;
            ids[term] = id = documentFrequency.Count;
            documentFrequency.Add(0);
            return id;
        }

        /// <summary>A headline's evidence, made once per plan: its embedding and its unit-length TF-IDF vector.</summary>
        public Evidence EvidenceOf(StoryHeadline headline)
        {
            if (evidence.TryGetValue(headline, out var known)) return known;
            var (group, termIds) = TermsOf(headline.Headline);
            var weights = new double[termIds.Length];
            for (var i = 0; i < termIds.Length; i++)
                weights[i] = Math.Log((double)Math.Max(documents[group], 1) / Math.Max(documentFrequency[termIds[i]], 1));
            var norm = Math.Sqrt(weights.Sum(x => x * x));
            if (norm > 0) for (var i = 0; i < weights.Length; i++) weights[i] /= norm;
            return evidence[headline] = new Evidence(headline.Embedding, termIds, weights, MarketReports.Is(headline.Headline));
        }
    }

    /// <summary>
    /// One headline's evidence: its embedding and its term vector (sorted term ids and their weights), both unit length,
    /// and whether it is a market report (<see cref="MarketReports"/>).
    /// </summary>
    private sealed record Evidence(float[] Embedding, int[] TermIds, double[] TermWeights, bool MarketReport)
    {
        public double Similarity(Evidence other, double lexicalWeight) =>
            Dot(Embedding, other.Embedding) + lexicalWeight * TermDot(other);

        private double TermDot(Evidence other)
        {
            double sum = 0;
            var (i, j) = (0, 0);
            while (i < TermIds.Length && j < other.TermIds.Length)
            {
                var (a, b) = (TermIds[i], other.TermIds[j]);
                if (a == b) sum += TermWeights[i++] * other.TermWeights[j++];
                else if (a < b) i++;
                else j++;
            }
            return sum;
        }
    }

    private static double Dot(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count) sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        var total = (double)Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }

    /// <summary>The sums of a set of headlines' embeddings and term vectors (their centroid, unnormalized) and their count.</summary>
    private sealed class Centroid(int dimensions)
    {
        // Made on the first embedding added: most side centroids of a plan stay empty.
        private double[]? embedding;
        private readonly Dictionary<int, double> terms = [];
        private double embeddingNorm2, termNorm2;

        public int Count { get; private set; }

        private int marketReports;

        /// <summary>Every headline of the set is a market report: it pairs across sides only with market reports.</summary>
        public bool AllMarketReports => Count > 0 && marketReports == Count;

        public void Add(Evidence evidence)
        {
            if (evidence.MarketReport) marketReports++;
            if (evidence.Embedding.Length == dimensions && dimensions > 0)
            {
                embedding ??= new double[dimensions];
                for (var i = 0; i < dimensions; i++) embedding[i] += evidence.Embedding[i];
            }
            for (var i = 0; i < evidence.TermIds.Length; i++)
                terms[evidence.TermIds[i]] = terms.GetValueOrDefault(evidence.TermIds[i]) + evidence.TermWeights[i];
            Count++;
            Renorm();
        }

        public void Add(Centroid other)
        {
            if (other.embedding is not null)
            {
                embedding ??= new double[dimensions];
                for (var i = 0; i < dimensions; i++) embedding[i] += other.embedding[i];
            }
            foreach (var (term, weight) in other.terms) terms[term] = terms.GetValueOrDefault(term) + weight;
            marketReports += other.marketReports;
            Count += other.Count;
            Renorm();
        }

        private void Renorm()
        {
            embeddingNorm2 = embedding?.Sum(x => x * x) ?? 0;
            termNorm2 = terms.Values.Sum(x => x * x);
        }

        /// <summary>Cosine of the two centroids, embeddings plus weighted terms: how alike the two groups are as wholes.</summary>
        public double Similarity(Centroid other, double lexicalWeight)
        {
            var semantic = embeddingNorm2 == 0 || other.embeddingNorm2 == 0 ? 0 : EmbeddingDot(other) / Math.Sqrt(embeddingNorm2 * other.embeddingNorm2);
            var lexical = termNorm2 == 0 || other.termNorm2 == 0 ? 0 : Dot(terms, other.terms) / Math.Sqrt(termNorm2 * other.termNorm2);
            return semantic + lexicalWeight * lexical;
        }

        /// <summary>The average embedding and term similarities over every pair of one headline from each set (average linkage).</summary>
        public (double Semantic, double Lexical) AverageSimilarity(Centroid other)
        {
            var pairs = (double)Count * other.Count;
            return (EmbeddingDot(other) / pairs, Dot(terms, other.terms) / pairs);
        }

        private double EmbeddingDot(Centroid other)
        {
            if (embedding is null || other.embedding is null) return 0;
            double sum = 0;
            for (var i = 0; i < embedding.Length; i++) sum += embedding[i] * other.embedding[i];
            return sum;
        }

        public static double Dot(Dictionary<int, double> a, Dictionary<int, double> b)
        {
            var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
            double sum = 0;
            foreach (var (term, weight) in small)
                if (large.TryGetValue(term, out var other)) sum += weight * other;
            return sum;
        }
    }

    private sealed class Group(int index, long? knownId, bool acceptsNewArticles, int dimensions)
    {
        public int Index { get; } = index;
        public long? KnownId { get; } = knownId;
        public bool AcceptsNewArticles { get; } = acceptsNewArticles;
        public Centroid All { get; } = new(dimensions);
        public Centroid Us { get; } = new(dimensions);
        public Centroid China { get; } = new(dimensions);
        public List<long> Keys { get; } = [];
        public HashSet<int> Partners { get; } = [];
        public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;
        public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;
        public bool Alive { get; private set; } = true;
        public int Version { get; private set; }

        // Differences rather than shifted dates: a feed's year-1 or year-9999 date must not overflow.
        public bool Overlaps(Group other, TimeSpan gap) => other.First - Last <= gap && First - other.Last <= gap;

        public void Add(Evidence evidence, DateTimeOffset publishedAt, Side side, long? key)
        {
            All.Add(evidence);
            if (side == Side.Us) Us.Add(evidence);
            else if (side == Side.China) China.Add(evidence);
            if (publishedAt < First) First = publishedAt;
            if (publishedAt > Last) Last = publishedAt;
            if (key is { } k) Keys.Add(k);
            Version++;
        }

        public void Absorb(Group other, List<Group> groups)
        {
            All.Add(other.All);
            Us.Add(other.Us);
            China.Add(other.China);
            if (other.First < First) First = other.First;
            if (other.Last > Last) Last = other.Last;
            Keys.AddRange(other.Keys);
            other.Alive = false;
            foreach (var partner in other.Partners)
            {
                if (partner == Index) continue;
                Partners.Add(partner);
                groups[partner].Partners.Remove(other.Index);
                groups[partner].Partners.Add(Index);
            }
            Partners.Remove(other.Index);
            Version++;
        }
    }
}
