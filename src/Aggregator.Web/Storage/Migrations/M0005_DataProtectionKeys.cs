using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aggregator.Storage.Migrations;

/// <summary>The data-protection key ring, shared by every instance (sign-in cookies and antiforgery tokens).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000004_DataProtectionKeys")]
public sealed class M0005_DataProtectionKeys : SqlFileMigration;
