using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage;

/// <summary>
/// A hand-written migration whose SQL lives beside it as embedded resources: &lt;Name&gt;.sql (up) and
/// &lt;Name&gt;.down.sql (down). SQL keeps each schema change reviewable as the statements PostgreSQL runs.
/// </summary>
public abstract class SqlFileMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ReadScript($"{GetType().Name}.sql"));

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(ReadScript($"{GetType().Name}.down.sql"));

    private static string ReadScript(string fileName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(name => name.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Migration script {fileName} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
