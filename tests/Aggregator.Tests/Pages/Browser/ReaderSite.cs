using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>The app on a loopback port with the reader pages' data (<see cref="ReaderSeed"/>) and a first admin.</summary>
public sealed class ReaderSite : IAsyncLifetime
{
    public const string AdminEmail = "reader.admin@example.org";
    public const string AdminPassword = "a long admin passphrase";

    private readonly TestDatabase _database = new SeededTestDatabase();
    public LiveApp App { get; private set; } = null!;

    /// <summary>Where the run saves its screenshots: artifacts/screenshots/ at the top of the checkout.</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = LiveApp.Start(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
        });
        await ReaderSeed.SeedAsync(App.Factory.Services);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string FindScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Aggregator.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
