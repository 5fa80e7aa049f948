using System.Globalization;
using System.Text.RegularExpressions;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Durations are written with a unit: "250ms", "2s", "1.5min", "8h" (a bare number is refused: ms or s?).</summary>
public static partial class Duration
{
    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|min|h)$")]
    private static partial Regex Pattern();

    public static bool TryParseMs(string text, out long ms)
    {
        ms = 0;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        double factor = m.Groups[2].Value switch { "ms" => 1, "s" => 1000, "min" => 60_000, _ => 3_600_000 };
        ms = (long)Math.Round(n * factor);
        return true;
    }

    public static string Format(long ms)
    {
        if (ms % 3_600_000 == 0 && ms >= 3_600_000) return (ms / 3_600_000) + "h";
        if (ms % 60_000 == 0 && ms >= 60_000) return (ms / 60_000) + "min";
        if (ms % 1000 == 0) return (ms / 1000) + "s";
        return ms + "ms";
    }
}
