using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Items that are an outlet's own pages (home, edition, section) are marked, and each fetch run counts them.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000008_OutletPages")]
public sealed class M0009_OutletPages : SqlFileMigration;
