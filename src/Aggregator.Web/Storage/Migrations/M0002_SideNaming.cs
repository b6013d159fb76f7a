using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>One word for a side in the schema as in the code: alignment columns and perspective tables become side.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000001_SideNaming")]
public sealed class M0002_SideNaming : SqlFileMigration;
