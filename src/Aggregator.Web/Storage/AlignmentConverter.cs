using Aggregator.Model;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aggregator.Storage;

/// <summary>Stores <see cref="Alignment"/> as its public code ("us", "china", …) so SQL and exports read the same.</summary>
public sealed class AlignmentConverter() : ValueConverter<Alignment, string>(
    alignment => alignment.ToCode(),
    code => AlignmentCodes.Parse(code));
