using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Mtt1201;

/// <summary>
/// Stable numbers for points and substations: a point keeps its code for as long as the output
/// folder lives, whatever order gateways or channels arrive in and across restarts of the bridge
/// (a platform keys its history on the point code). Kept beside the files it numbers, written
/// atomically; a damaged registry is refused with its path rather than silently renumbering.
/// </summary>
public sealed class PointRegistry
{
    public const string FileName = ".qedge-mtt1201-points.json";
    private readonly string _path;
    private readonly Dictionary<string, int> _numbers;

    private PointRegistry(string path, Dictionary<string, int> numbers)
    {
        _path = path;
        _numbers = numbers;
    }

    public static PointRegistry Open(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        if (!File.Exists(path)) return new PointRegistry(path, new Dictionary<string, int>(StringComparer.Ordinal));
        try
        {
            var numbers = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
                          ?? throw new InvalidDataException("empty");
            return new PointRegistry(path, new Dictionary<string, int>(numbers, StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{path}: the point registry is damaged ({e.Message}); restore it from a backup or remove it to renumber every point", e);
        }
    }

    /// <summary>The number of a key ("point:site/gateway/channel" or "substation:site/gateway"), allocating the next free one of its kind.</summary>
    public int NumberOf(string key)
    {
        if (_numbers.TryGetValue(key, out int n)) return n;
        string kind = key[..(key.IndexOf(':') + 1)];
        int next = 1 + _numbers.Where(kv => kv.Key.StartsWith(kind, StringComparison.Ordinal)).Select(kv => kv.Value).DefaultIfEmpty(0).Max();
        if (next > 9999) throw new InvalidOperationException("more than 9,999 points: the point code has 4 digits for the system's own number");
        _numbers[key] = next;
        AtomicFile.Write(_path, JsonSerializer.SerializeToUtf8Bytes(_numbers, new JsonSerializerOptions { WriteIndented = true }));
        return next;
    }
}
