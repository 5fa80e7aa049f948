using System.Text.Json;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// Strict reading of one JSON object: each property read is recorded, wrong types and missing
/// required properties are errors with their path, and <see cref="Done"/> reports every property
/// that was not expected (a typo must not be silently ignored).
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonElement _element;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public JsonObjectReader(JsonElement element, string path, ScenarioErrors errors)
    {
        _element = element;
        Path = path;
        Errors = errors;
        IsObject = element.ValueKind == JsonValueKind.Object;
        if (!IsObject) errors.Add(path, $"expected an object, found {Describe(element)}");
    }

    public string Path { get; }
    public ScenarioErrors Errors { get; }
    public bool IsObject { get; }

    public string Sub(string name) => Path.Length == 0 ? name : Path + "." + name;

    public bool Has(string name)
    {
        _known.Add(name);
        return IsObject && _element.TryGetProperty(name, out _);
    }

    public bool TryGet(string name, out JsonElement value)
    {
        _known.Add(name);
        value = default;
        return IsObject && _element.TryGetProperty(name, out value);
    }

    public string? String(string name, bool required = false)
    {
        if (!TryGet(name, out var v))
        {
            if (required && IsObject) Errors.Add(Sub(name), "is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Errors.Add(Sub(name), $"expected a string, found {Describe(v)}");
            return null;
        }
        return v.GetString();
    }

    public double? Number(string name, bool required = false, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!TryGet(name, out var v))
        {
            if (required && IsObject) Errors.Add(Sub(name), "is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number)
        {
            Errors.Add(Sub(name), $"expected a number, found {Describe(v)}");
            return null;
        }
        double d = v.GetDouble();
        if (d < min || d > max)
        {
            Errors.Add(Sub(name), $"{d} is outside {min}..{max}");
            return null;
        }
        return d;
    }

    public int? Int(string name, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        double? d = Number(name, required, min, max);
        if (d == null) return null;
        if (d.Value != Math.Floor(d.Value))
        {
            Errors.Add(Sub(name), $"expected a whole number, found {d.Value}");
            return null;
        }
        return (int)d.Value;
    }

    public bool? Bool(string name, bool required = false)
    {
        if (!TryGet(name, out var v))
        {
            if (required && IsObject) Errors.Add(Sub(name), "is required");
            return null;
        }
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Errors.Add(Sub(name), $"expected true or false, found {Describe(v)}");
            return null;
        }
        return v.GetBoolean();
    }

    public long? DurationMs(string name, bool required = false)
    {
        string? s = String(name, required);
        if (s == null) return null;
        if (!Duration.TryParseMs(s, out long ms))
        {
            Errors.Add(Sub(name), $"'{s}' is not a duration (write e.g. 500ms, 10s, 2min, 1h)");
            return null;
        }
        return ms;
    }

    public T? Choice<T>(string name, IReadOnlyDictionary<string, T> choices, bool required = false) where T : struct
    {
        string? s = String(name, required);
        if (s == null) return null;
        if (choices.TryGetValue(s, out var c)) return c;
        Errors.Add(Sub(name), $"'{s}' is not one of {string.Join(", ", choices.Keys)}");
        return null;
    }

    /// <summary>The elements of an array property with their paths (empty when absent or wrong).</summary>
    public IEnumerable<(JsonElement Element, string Path)> Array(string name, bool required = false)
    {
        if (!TryGet(name, out var v))
        {
            if (required && IsObject) Errors.Add(Sub(name), "is required");
            yield break;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(Sub(name), $"expected an array, found {Describe(v)}");
            yield break;
        }
        int i = 0;
        foreach (var e in v.EnumerateArray()) yield return (e, $"{Sub(name)}[{i++}]");
    }

    /// <summary>Reports every property that nobody asked for.</summary>
    public void Done()
    {
        if (!IsObject) return;
        foreach (var p in _element.EnumerateObject())
        {
            if (!_known.Contains(p.Name))
                Errors.Add(Sub(p.Name), $"unknown property (expected one of: {string.Join(", ", _known)})");
        }
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{e.GetString()}\"",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

/// <summary>Collects errors of one file.</summary>
public sealed class ScenarioErrors(string file)
{
    private readonly List<ScenarioError> _list = new();
    public string File { get; } = file;
    public IReadOnlyList<ScenarioError> List => _list;
    public int Count => _list.Count;
    public void Add(string path, string message) => _list.Add(new ScenarioError(File, path.Length == 0 ? "(root)" : path, message));
}
