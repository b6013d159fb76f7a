using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>What the story, blindspot and search pages need: a highlight's story, blindspot thresholds, a search vector.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000006_ReaderViews")]
public sealed class M0007_ReaderViews : SqlFileMigration;
