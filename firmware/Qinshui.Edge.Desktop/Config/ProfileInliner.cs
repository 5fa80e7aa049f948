using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>
/// The device has no hardware/devices catalogue: a configuration it receives must carry every
/// Modbus profile its buses name. This copies the catalogue profiles a bus device names, and
/// that "deviceProfiles" does not already hold, into "deviceProfiles". Files that need nothing
/// pass through byte for byte (so their hash does not change).
/// </summary>
public static class ProfileInliner
{
    public sealed record Result(byte[] Bytes, IReadOnlyList<string> Inlined);

    /// <summary>Never throws: bytes it cannot walk (invalid UTF-8 in a name, …) pass through for the core reader to report with their path.</summary>
    public static Result Inline(byte[] utf8, Func<string, byte[]?> catalogue)
    {
        try
        {
            return InlineTree(utf8, catalogue);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or JsonException)
        {
            return new Result(utf8, []);
        }
    }

    private static Result InlineTree(byte[] utf8, Func<string, byte[]?> catalogue)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys refused here (JsonObject would throw on first access): the core reader reports them with their path.
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return new Result(utf8, []);
        }
        if (root is not JsonObject top || top["buses"] is not JsonArray buses) return new Result(utf8, []);
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (top["deviceProfiles"] is JsonArray inline)
        {
            foreach (var p in inline)
                if (p is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var id)) present.Add(id);
        }
        var added = new List<string>();
        var toAdd = new List<JsonNode>();
        foreach (var bus in buses)
        {
            if (bus is not JsonObject b || b["devices"] is not JsonArray devices) continue;
            foreach (var d in devices)
            {
                if (d is not JsonObject dev || dev["profile"] is not JsonValue pv || !pv.TryGetValue<string>(out var profile)) continue;
                if (present.Contains(profile)) continue;
                var bytes = catalogue(profile);
                if (bytes == null) continue; // the reader reports the unknown profile with its path
                var node = JsonNode.Parse(bytes);
                if (node == null) continue;
                present.Add(profile);
                added.Add(profile);
                toAdd.Add(node);
            }
        }
        if (added.Count == 0) return new Result(utf8, []);
        if (top["deviceProfiles"] is not JsonArray target)
        {
            // Keep the order readable: deviceProfiles before buses.
            var rebuilt = new JsonObject();
            foreach (var (k, v) in top.ToList())
            {
                if (k == "buses") rebuilt["deviceProfiles"] = new JsonArray();
                top.Remove(k);
                rebuilt[k] = v;
            }
            top = rebuilt;
            target = (JsonArray)top["deviceProfiles"]!;
        }
        foreach (var n in toAdd) target.Add(n);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return new Result(JsonSerializer.SerializeToUtf8Bytes(top, options), added);
    }
}
