using Aggregator.Tests.Infrastructure;

namespace Aggregator.Tests.Digests;

/// <summary>
/// build-digest and export-digest as operators run them, on the sample feed, in-process against the app's services (the
/// executable's own entry, exit codes and streams are <c>CliProcessTests</c>' subject).
/// </summary>
public sealed class DigestCliTests(ClassApp app) : InProcessCliTest(app)
{
    [Fact]
    public async Task Seed_import_build_and_export_print_the_digest_in_the_reference_format()
    {
        Assert.Equal(0, (await RunAsync("seed-registry")).ExitCode);
        Assert.Equal(0, (await RunAsync("import-feed", "--topic", "us-china", Fixtures.FeedPath(Fixtures.GoogleNewsUsChina))).ExitCode);

        var build = await RunAsync("build-digest", "--topic", "us-china", "--date", "2026-01-12");
        var rebuild = await RunAsync("build-digest", "--topic", "us-china", "--date", "2026-01-12");
        var md = await RunAsync("export-digest", "--topic", "us-china", "--date", "2026-01-12", "--format", "md");
        var json = await RunAsync("export-digest", "--topic", "us-china", "--date", "2026-01-12", "--format", "json");

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.StartsWith("Built US vs China News - 2026-01-12, version 1:", build.Output);
        Assert.Equal("US vs China News - 2026-01-12 is unchanged (version 1).", rebuild.Output.Trim());
        Assert.Equal(0, md.ExitCode);
        Assert.StartsWith("---\ntitle: \"US vs China News - 2026-01-12\"\ndate: 2026-01-12T04:00:00.000Z\ntopic: us-china\n", md.Output);
        Assert.Contains("\n## Sources\n\nThis summary is based on ", md.Output);
        Assert.StartsWith("{", json.Output);
    }
}

/// <summary>The same verbs' refusals, run in-process against the app's services on a database with no articles.</summary>
public sealed class DigestVerbTests(ClassApp app) : InProcessCliTest(app)
{
    [Theory]
    [InlineData(new[] { "build-digest", "--topic", "us-china" }, "missing --date")]
    [InlineData(new[] { "build-digest", "--topic", "us-china", "--date", "12/01/2026" }, "--date must be a date as YYYY-MM-DD, not '12/01/2026'")]
    [InlineData(new[] { "build-digest", "--topic", "nope", "--date", "2026-01-12" }, "no topic 'nope'")]
    [InlineData(new[] { "build-digest", "--topic", "us-china", "--date", "2999-01-01" }, "have not passed yet")]
    [InlineData(new[] { "export-digest", "--topic", "us-china", "--date", "2026-01-12", "--format", "pdf" }, "--format must be one of md, json, not 'pdf'")]
    [InlineData(new[] { "export-digest", "--topic", "us-china", "--date", "2026-01-12" }, "missing --format")]
    public async Task Bad_arguments_exit_2_with_the_reason(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Exporting_or_building_a_day_without_articles_fails_with_exit_1_and_prints_nothing()
    {
        var export = await RunAsync("export-digest", "--topic", "us-china", "--date", "2026-01-12", "--format", "md");
        var build = await RunAsync("build-digest", "--topic", "us-china", "--date", "2026-01-12");

        Assert.Equal(1, export.ExitCode);
        Assert.Contains("has no digest for 2026-01-12", export.Error);
        Assert.Equal("", export.Output);
        Assert.Equal(1, build.ExitCode);
        Assert.Contains("nothing built", build.Error);
    }
}
