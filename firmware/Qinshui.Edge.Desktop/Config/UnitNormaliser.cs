using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>
/// Technicians may write a level's threshold or restore as a quantity with a unit
/// ("20 mg/m3", "25 %LEL"). This rewrites them into the channel's own unit, rounded to 0.01 in
/// the stricter direction (down for high levels, up for low), and reports each conversion so
/// the tool can show both. Files without such strings pass through byte for byte.
/// </summary>
public static class UnitNormaliser
{
    public sealed record Conversion(string Path, string Written, string Converted);

    public sealed record Result(byte[] Bytes, IReadOnlyList<Conversion> Conversions, IReadOnlyList<(string Path, string Reason)> Errors);

    /// <summary>Never throws: bytes it cannot walk (invalid UTF-8 in a name, …) pass through for the core reader to report with their path.</summary>
    public static Result Normalise(byte[] utf8)
    {
        try
        {
            return NormaliseTree(utf8);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or JsonException)
        {
            return new Result(utf8, [], []);
        }
    }

    private static Result NormaliseTree(byte[] utf8)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys refused here (JsonObject would throw on first access): the core reader reports them with their path.
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, AllowDuplicateProperties = false });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return new Result(utf8, [], []); // the core reader reports the syntax error with its position
        }
        var conversions = new List<Conversion>();
        var errors = new List<(string, string)>();
        // Not an object (an array, a number, null): nothing to convert; the core reader says what is wrong.
        if (root is not JsonObject top || top["channels"] is not JsonArray channels) return new Result(utf8, [], []);
        for (int i = 0; i < channels.Count; i++)
        {
            if (channels[i] is not JsonObject ch || ch["levels"] is not JsonArray levels) continue;
            string path = $"channels[{i}]";
            var profile = ch["profile"] is JsonValue pv && pv.TryGetValue<string>(out var pid) ? ProfileCatalog.Find(pid) : null;
            Unit unit = profile?.Unit ?? Unit.None;
            if (ch["unit"] is JsonValue uv && uv.TryGetValue<string>(out var us) && Units.TryParse(us, out var u)) unit = u;
            string? gasCode = profile?.Gas;
            if (ch["gas"] is JsonValue gv && gv.TryGetValue<string>(out var gs)) gasCode = gs;
            var gas = gasCode != null ? GasTable.Find(gasCode) : null;
            for (int k = 0; k < levels.Count; k++)
            {
                if (levels[k] is not JsonObject level) continue;
                bool low = IsLow(level, profile);
                foreach (var field in new[] { "threshold", "restore" })
                {
                    if (level[field] is not JsonValue value || !value.TryGetValue<string>(out var text)) continue;
                    string fp = $"{path}.levels[{k}].{field}";
                    if (!UnitConversion.TryParseQuantity(text, out double number, out string from))
                    {
                        errors.Add((fp, $"'{text}' is neither a number nor a quantity such as \"20 mg/m3\""));
                        continue;
                    }
                    if (unit == Unit.None)
                    {
                        errors.Add((fp, "the channel has no unit to convert into"));
                        continue;
                    }
                    if (!UnitConversion.TryConvert(number, from, unit, gas, out double converted, out string reason))
                    {
                        errors.Add((fp, reason));
                        continue;
                    }
                    double rounded = low ? Math.Ceiling(converted * 100 - 1e-9) / 100 : Math.Floor(converted * 100 + 1e-9) / 100;
                    level[field] = JsonValue.Create(rounded);
                    conversions.Add(new Conversion(fp, text, $"{NumberFormat.Format(rounded, 4)} {Units.Symbol(unit)}"
                        + (gas != null ? $" ({gas.Code}, M = {gas.MolarMassGramsPerMole.ToString(CultureInfo.InvariantCulture)} g/mol, 20 °C)" : "")));
                }
            }
        }
        if (conversions.Count == 0 && errors.Count == 0) return new Result(utf8, [], []);
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return new Result(bytes, conversions, errors);
    }

    private static bool IsLow(JsonObject level, AlarmProfile? profile)
    {
        if (level["direction"] is JsonValue d && d.TryGetValue<string>(out var dir)) return dir == "low";
        if (profile == null || level["kind"] is not JsonValue kv || !kv.TryGetValue<string>(out var kind)) return false;
        var same = profile.Levels.Where(l => Qinshui.Edge.Core.Alarms.LevelNames.Kind(l.Kind) == kind).ToList();
        return same.Count > 0 && same.All(l => l.Direction == Qinshui.Edge.Core.Alarms.Direction.Low);
    }
}
