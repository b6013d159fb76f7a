using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Article texts fetched from publishers' pages, the topic setting that asks for them, and digest leads.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202000011_ArticleTexts")]
public sealed class M0012_ArticleTexts : SqlFileMigration;
