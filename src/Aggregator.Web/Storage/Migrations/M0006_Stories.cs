using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Stored stories: the story of each article in each topic, and of each digest line.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000005_Stories")]
public sealed class M0006_Stories : SqlFileMigration;
