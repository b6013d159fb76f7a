using System.Diagnostics;
using Aggregator.Bench;
using Aggregator.Hosting;
using Aggregator.Storage;

// The benchmark of issue 13 (see docs/performance.md): fills the database named by ConnectionStrings__Aggregator
// with a year of generated data once, then measures every scenario with its baseline and prints one table.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Aggregator")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Aggregator to the benchmark database (scripts/bench.sh does).");
var articles = args.SkipWhile(a => a != "--articles").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
// --only ingest,digest,http,extract runs those scenarios (e.g. to measure one fix again on a kept database); all by default.
// The digest scenario builds the day the ingest scenario stored, so it needs ingest in the same run.
var only = args.SkipWhile(a => a != "--only").Skip(1).Select(list => list.Split(',')).FirstOrDefault(["ingest", "digest", "http", "extract"]);
var repository = new DirectoryInfo(AppContext.BaseDirectory);
while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Aggregator.sln"))) repository = repository.Parent;
// The app runs from its project directory, where wwwroot/ (the static baseline) lives, as scripts/run.sh runs it.
var webProject = Path.Combine(repository?.FullName ?? throw new InvalidOperationException("run from a checkout"), "src", "Aggregator.Web");
var total = Stopwatch.StartNew();

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
// The ingest scenario imports a 20,000-item feed (about 7 MB), over the 5 MB a fetched feed may have.
builder.Configuration["Fetching:MaxBodyBytes"] = (64 * 1024 * 1024).ToString();
builder.AddAggregator(isCli: true);
await using var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    var generator = new Generator(scope.ServiceProvider.GetRequiredService<AppDbContext>(), articles);
    if (!await generator.IsGeneratedAsync(CancellationToken.None))
    {
        Console.Error.WriteLine($"Generating {articles:N0} articles over {Generator.Days} days, {Generator.Topics} topics, {Generator.Outlets} outlets…");
        var generation = Stopwatch.StartNew();
        await generator.GenerateAsync(Console.Error, CancellationToken.None);
        Console.Error.WriteLine($"  generated in {generation.Elapsed.TotalSeconds:0} s");
    }
}

var report = new Report();
var scenarios = new Scenarios(app.Services, connectionString, webProject, report);
if (only.Contains("ingest"))
{
    Console.Error.WriteLine("Ingest…");
    await scenarios.IngestAsync(CancellationToken.None);
}
if (only.Contains("digest"))
{
    Console.Error.WriteLine("Digest builds…");
    await scenarios.DigestAsync(CancellationToken.None);
}
if (only.Contains("http"))
{
    Console.Error.WriteLine("HTTP (the app in its own process)…");
    await scenarios.HttpAsync(CancellationToken.None);
}
if (only.Contains("extract"))
{
    Console.Error.WriteLine("Article extraction…");
    ExtractionScenario.Run(repository.FullName, report);
}
Console.WriteLine($"Aggregator benchmark — {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {total.Elapsed.TotalMinutes:0.0} min");
report.Print(Console.Out);
