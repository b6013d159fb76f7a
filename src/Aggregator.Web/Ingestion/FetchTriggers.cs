namespace Aggregator.Ingestion;

/// <summary>Why a fetch ran, as recorded on its fetch runs.</summary>
public static class FetchTriggers
{
    public const string Schedule = "schedule";
    public const string Cli = "cli";
    public const string Admin = "admin";
    public const string Import = "import";
    public const string Replay = "replay";
}
