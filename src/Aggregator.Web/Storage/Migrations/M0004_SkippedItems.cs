using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Each fetch run counts the items it could not store (values too long for their columns).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000003_SkippedItems")]
public sealed class M0004_SkippedItems : SqlFileMigration;
