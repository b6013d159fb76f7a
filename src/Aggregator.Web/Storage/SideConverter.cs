using Aggregator.Model;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aggregator.Storage;

/// <summary>Stores <see cref="Side"/> as its public code ("us", "china", …) so SQL and exports read the same.</summary>
public sealed class SideConverter() : ValueConverter<Side, string>(
    side => side.ToCode(),
    code => SideCodes.Parse(code));
