using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Each article's language, and the languages each topic's digests include.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000009_Languages")]
public sealed class M0010_Languages : SqlFileMigration;
