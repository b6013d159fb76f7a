using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Provisional sides for outlets the registry lacks; a topic setting to leave them out; the mark in digests.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000002_ProvisionalSides")]
public sealed class M0003_ProvisionalSides : SqlFileMigration;
