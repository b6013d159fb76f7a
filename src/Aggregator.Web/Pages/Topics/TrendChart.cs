using System.Globalization;

namespace Aggregator.Pages.Topics;

/// <summary>
/// Coordinates for a server-rendered SVG line chart: series of values over days mapped into a fixed view box, so the
/// page draws with plain SVG and no charting script. Pure: values in, point lists out.
/// </summary>
public sealed class TrendChart(int points, double maxValue)
{
    public const int Width = 720;
    public const int Height = 200;
    public const int Left = 44;
    public const int Bottom = 24;
    private const int Top = 10;
    private const int Right = 10;

    public double Max { get; } = maxValue <= 0 ? 1 : maxValue;

    public double X(int index) => Left + (points <= 1 ? 0 : (Width - Left - Right) * (double)index / (points - 1));

    public double Y(double value) => Height - Bottom - (Height - Bottom - Top) * (value / Max);

    /// <summary>"x,y x,y …" for an SVG polyline; a missing value breaks nothing, it is simply left out.</summary>
    public string Polyline(IReadOnlyList<double?> values) =>
        string.Join(' ', values.Select((v, i) => (v, i)).Where(p => p.v is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.i):0.#},{Y(p.v!.Value):0.#}")));

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
