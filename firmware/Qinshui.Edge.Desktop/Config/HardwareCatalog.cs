using System.Reflection;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Desktop.Config;

/// <summary>
/// hardware/devices/*.json (Modbus device profiles) and hardware/boards/*.json (pin maps) as
/// shipped inside qedge, read with the core's own readers. A directory given in QEDGE_HARDWARE
/// (with devices/ and boards/ below it) replaces the built-in copies, for a site's own devices.
/// </summary>
public static class HardwareCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> s_devices = new(() => Files("devices"));
    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> s_boards = new(() => Files("boards"));
    private static readonly Lazy<ModbusDeviceProfile[]> s_profiles = new(LoadProfiles);

    /// <summary>Every device profile, parsed and validated (a broken shipped profile is a build-time test failure).</summary>
    public static ModbusDeviceProfile[] Profiles => s_profiles.Value;

    /// <summary>The JSON text of a device profile by id, or null.</summary>
    public static byte[]? ProfileJson(string id) => s_devices.Value.TryGetValue(id, out var b) ? b : null;

    public static IEnumerable<string> BoardIds => s_boards.Value.Keys;

    /// <summary>A board's pin map by id; null with an error when unknown or invalid.</summary>
    public static BoardPinMap? Board(string id, ValidationErrors errors)
    {
        if (!s_boards.Value.TryGetValue(id, out var bytes))
        {
            errors.Error("board", "board_unknown", $"no board '{id}' (known: {string.Join(", ", s_boards.Value.Keys)})",
                $"没有板卡 '{id}'（已知：{string.Join("、", s_boards.Value.Keys)}）");
            return null;
        }
        var boardErrors = new ValidationErrors();
        if (!BoardLoader.TryLoad(bytes, 0, bytes.Length, "board(" + id + ")", boardErrors, out var board))
        {
            for (int i = 0; i < boardErrors.Count; i++)
            {
                var e = boardErrors[i];
                if (e.IsWarning) continue;
                errors.Error(e.Path, e.Code, e.English, e.Chinese);
            }
            return null;
        }
        return board;
    }

    private static ModbusDeviceProfile[] LoadProfiles()
    {
        var list = new List<ModbusDeviceProfile>();
        foreach (var (id, bytes) in s_devices.Value)
        {
            var errors = new ValidationErrors();
            if (!JsonParser.TryParse(bytes, 0, bytes.Length, out var root, out var parseError))
                throw new InvalidOperationException($"hardware/devices/{id}.json: {parseError}");
            var p = ModbusJson.ReadProfile(root, id, errors)
                    ?? throw new InvalidOperationException($"hardware/devices/{id}.json: {errors[0]}");
            list.Add(p);
        }
        return list.ToArray();
    }

    private static IReadOnlyDictionary<string, byte[]> Files(string kind)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        string? overrideDir = Environment.GetEnvironmentVariable("QEDGE_HARDWARE");
        if (!string.IsNullOrEmpty(overrideDir) && Directory.Exists(Path.Combine(overrideDir, kind)))
        {
            foreach (var f in Directory.GetFiles(Path.Combine(overrideDir, kind), "*.json"))
                result[Path.GetFileNameWithoutExtension(f)] = File.ReadAllBytes(f);
            return result;
        }
        var asm = Assembly.GetExecutingAssembly();
        string prefix = "hardware/" + kind + "/";
        foreach (var name in asm.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal)) continue;
            using var s = asm.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            result[name[prefix.Length..^5]] = ms.ToArray();
        }
        return result;
    }
}
