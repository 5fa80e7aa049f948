using System.Text.Json;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// What a Linux gateway keeps across restarts (the device keeps it in NVS): boot counter, the
/// last event hash (continues the chain), the highest accepted command and permit counters
/// (no replay after a restart). Written atomically: temp file, then rename.
/// </summary>
public sealed class HostState
{
    public long BootCounter { get; set; }
    public string? LastEventHash { get; set; }
    public long LastCommandCounter { get; set; }
    public long LastPermitCounter { get; set; }
    /// <summary>Counter of the configuration pushed over MQTT that is in force (0: none); older pushes are refused as replays.</summary>
    public long PushedConfigCounter { get; set; }
    /// <summary>SHA-256 of the --config file when the push took effect: a changed file wins over the push.</summary>
    public string? PushedOverFileHash { get; set; }
    /// <summary>Counter of the candidate waiting for its restart.</summary>
    public long CandidateConfigCounter { get; set; }

    public static HostState Load(string file)
    {
        if (!File.Exists(file)) return new HostState();
        return JsonSerializer.Deserialize<HostState>(File.ReadAllBytes(file)) ?? new HostState();
    }

    public void Save(string file)
    {
        string tmp = file + ".tmp";
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(this, new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, file, overwrite: true);
    }
}
