using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>Headline embeddings for the story engine, one per article; the placement stage fills them.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201000007_ArticleEmbeddings")]
public sealed class M0008_ArticleEmbeddings : SqlFileMigration;
