using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>The publisher's URL behind each Google News link, and when it was looked for.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202000010_PublisherLinks")]
public sealed class M0011_PublisherLinks : SqlFileMigration;
