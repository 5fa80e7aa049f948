using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qinshui.Edge.Simulator.Platform;

/// <summary>
/// The MQTT payload schemas of docs/schemas (embedded in qedge at build time, so the monitor needs
/// no repository checkout): the subset the monitor enforces is the top level of each — required
/// members, no unknown members where additionalProperties is false, and each member's const, type,
/// pattern and minimum. Nested shapes are not checked (a full JSON Schema validator would be a new
/// dependency).
/// </summary>
public static class PayloadSchemas
{
    private static readonly Dictionary<string, JsonElement> s_schemas = Load();

    public static bool Has(string kind) => s_schemas.ContainsKey(kind);

    private static Dictionary<string, JsonElement> Load()
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var asm = Assembly.GetExecutingAssembly();
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith("schemas/", StringComparison.Ordinal)) continue;
            using var s = asm.GetManifestResourceStream(name)!;
            map[Path.GetFileNameWithoutExtension(name["schemas/".Length..])] = JsonDocument.Parse(s).RootElement.Clone();
        }
        return map;
    }

    /// <summary>What breaks the kind's schema (empty when the payload conforms or the kind has no schema).</summary>
    public static List<string> Check(string kind, JsonElement root)
    {
        if (!s_schemas.TryGetValue(kind, out var schema)) return new List<string>();
        if (schema.TryGetProperty("oneOf", out var branches))
        {
            // event.json: the payload conforms when one branch takes it; otherwise the closest branch says why.
            List<string>? best = null;
            foreach (var branch in branches.EnumerateArray())
            {
                var problems = CheckAgainst(branch, kind, root);
                if (problems.Count == 0) return problems;
                if (best == null || problems.Count < best.Count) best = problems;
            }
            return best ?? new List<string>();
        }
        return CheckAgainst(schema, kind, root);
    }

    private static List<string> CheckAgainst(JsonElement schema, string kind, JsonElement root)
    {
        var problems = new List<string>();
        if (schema.TryGetProperty("required", out var req))
            foreach (var r in req.EnumerateArray())
                if (!root.TryGetProperty(r.GetString()!, out _)) problems.Add($"{kind}: required \"{r.GetString()}\" missing (docs/schemas/{kind}.json)");
        schema.TryGetProperty("properties", out var props);
        bool closed = schema.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False;
        foreach (var member in root.EnumerateObject())
        {
            if (props.ValueKind != JsonValueKind.Object || !props.TryGetProperty(member.Name, out var p))
            {
                if (closed) problems.Add($"{kind}: unknown member \"{member.Name}\" (docs/schemas/{kind}.json)");
                continue;
            }
            string? bad = CheckValue(p, member.Value);
            if (bad != null) problems.Add($"{kind}.{member.Name}: {bad}");
        }
        return problems;
    }

    private static string? CheckValue(JsonElement p, JsonElement v)
    {
        if (p.TryGetProperty("const", out var c) && c.GetRawText() != v.GetRawText()) return $"must be {c.GetRawText()}";
        if (p.TryGetProperty("type", out var t))
        {
            var types = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : new List<string> { t.GetString()! };
            if (!types.Any(x => Is(x, v))) return $"must be {string.Join(" or ", types)}, found {v.ValueKind}";
        }
        if (v.ValueKind == JsonValueKind.String && p.TryGetProperty("pattern", out var pat) && !Regex.IsMatch(v.GetString()!, pat.GetString()!))
            return $"'{v.GetString()}' does not match {pat.GetString()}";
        if (v.ValueKind == JsonValueKind.Number && p.TryGetProperty("minimum", out var min) && v.GetDouble() < min.GetDouble()) return $"below the minimum {min.GetRawText()}";
        if (v.ValueKind == JsonValueKind.String && p.TryGetProperty("enum", out var en) && !en.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && e.GetString() == v.GetString()))
            return $"'{v.GetString()}' is not one of the documented values";
        return null;
    }

    private static bool Is(string type, JsonElement v) => type switch
    {
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "number" => v.ValueKind == JsonValueKind.Number,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => v.ValueKind == JsonValueKind.Array,
        "object" => v.ValueKind == JsonValueKind.Object,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
