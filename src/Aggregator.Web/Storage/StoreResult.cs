namespace Aggregator.Storage;

/// <summary>How many candidates an ingest stored as new articles and how many it found already stored.</summary>
public sealed record StoreResult(int New, int Duplicate)
{
    public StoreResult Add(StoreResult other) => new(New + other.New, Duplicate + other.Duplicate);
}
