using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000001_InitialSchema")]
public sealed class M0001_InitialSchema : SqlFileMigration;
