using System.Text.Json;
using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Desktop.Platform.Mtt1201;

/// <summary>What the mine says of a point that the gateway does not publish: its name, location,
/// sensor type code and measuring range (`--points FILE`, docs/mtt1201.md).</summary>
public sealed record PointInfo(string? Name, string? Location, string? SensorType, double? RangeLow, double? RangeHigh);

/// <summary>
/// The per-point facts the MT/T files need beyond the gateway's metadata. The 4-digit sensor type
/// code comes from the platform operator's code table; without one, a provisional local code is
/// used (<see cref="ProvisionalSensorType"/>, flagged in docs/mtt1201.md) — never a range or a name
/// the mine did not give: those stay empty.
/// </summary>
public sealed class PointCatalog
{
    private readonly Dictionary<string, PointInfo> _points;

    private PointCatalog(Dictionary<string, PointInfo> points) => _points = points;

    public static PointCatalog Empty { get; } = new(new Dictionary<string, PointInfo>(StringComparer.Ordinal));

    /// <summary>Reads `{ "site/gateway/channel" | "channel": {"name","location","sensorType","rangeLow","rangeHigh"} }`.</summary>
    public static PointCatalog Load(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new UsageException($"{path}: expected an object of points keyed by channel id");
            var points = new Dictionary<string, PointInfo>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Object) throw new UsageException($"{path}: {p.Name}: expected an object");
                string? type = GatewayView.Str(p.Value, "sensorType");
                if (type != null && (type.Length != 4 || !type.All(char.IsAsciiDigit)))
                    throw new UsageException($"{path}: {p.Name}.sensorType: '{type}' is not 4 digits");
                points[p.Name] = new PointInfo(GatewayView.Str(p.Value, "name"), GatewayView.Str(p.Value, "location"), type,
                    OptionalNumber(p.Value, "rangeLow", path, p.Name), OptionalNumber(p.Value, "rangeHigh", path, p.Name));
            }
            return new PointCatalog(points);
        }
    }

    public PointInfo For(GatewayView gateway, string id) =>
        _points.TryGetValue($"{gateway.Site}/{gateway.Gateway}/{id}", out var exact) ? exact
        : _points.TryGetValue(id, out var byId) ? byId
        : new PointInfo(null, null, null, null, null);

    /// <summary>
    /// A provisional local code by the quantity a profile names, used only when the operator gave none.
    /// Not the standard's table (its text was not available): replace it with `--points`.
    /// </summary>
    public static string ProvisionalSensorType(string profile, string unit)
    {
        string p = profile.ToUpperInvariant() + " " + unit.ToUpperInvariant();
        if (p.Contains("CH4")) return "0001";
        if (p.Contains("CO2")) return "0005";
        if (p.Contains("NO2")) return "0008";
        if (p.Contains("SO2")) return "0009";
        if (p.Contains("H2S")) return "0007";
        if (p.Contains("NH3")) return "0010";
        if (p.Contains("CL2")) return "0011";
        if (p.Contains("O2")) return "0006";
        if (p.Contains("_CO") || p.Contains("CO_")) return "0004";
        if (p.Contains("TEMP") || p.Contains("°C")) return "0012";
        if (p.Contains("DUST") || p.Contains("MG/M3")) return "0013";
        return "0099";
    }

    private static double? OptionalNumber(JsonElement e, string name, string path, string point)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number) throw new UsageException($"{path}: {point}.{name}: expected a number");
        return v.GetDouble();
    }
}
