using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>The same-outlet, same-title index keyed by time before title, so an ingest's new rows share pages.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202000012_TitleWindowIndex")]
public sealed class M0013_TitleWindowIndex : SqlFileMigration;
