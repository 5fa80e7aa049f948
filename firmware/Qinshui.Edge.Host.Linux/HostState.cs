using System.Text.Json;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// What a Linux gateway keeps across restarts (the device keeps it in NVS): boot counter, the
/// last event hash (continues the chain), the highest accepted command and permit counters
/// (no replay after a restart). Stored by <see cref="HostStateStore"/>: durably, with the
/// previous good copy kept.
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
    /// <summary>The last STEL/TWA checkpoint (issue 13 #6; Core Alarms/ExposureRecord), base64; null before the first.</summary>
    public string? ExposureCheckpoint { get; set; }
    /// <summary>Counter of the candidate waiting for its restart.</summary>
    public long CandidateConfigCounter { get; set; }

    /// <summary>Loads the state file (its previous good copy when it is damaged); never throws.</summary>
    public static HostState Load(string file) => new HostStateStore(DiskStateFiles.Instance, file).Load(out _);

    /// <summary>Saves durably: temp file, fsync, rename (keeping the previous good copy), directory fsync.</summary>
    public void Save(string file) => new HostStateStore(DiskStateFiles.Instance, file).Save(this);

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(false, true);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>The state in these bytes, or null when they are not a whole, plausible state (torn, damaged, hand-edited wrong).</summary>
    public static HostState? TryParse(byte[]? bytes)
    {
        if (bytes == null || bytes.Length == 0) return null;
        HostState? s;
        try
        {
            _ = StrictUtf8.GetCharCount(bytes); // the serializer lets invalid UTF-8 in a skipped member's name through
            using var doc = JsonDocument.Parse(bytes);
            // A whole state names its counters: an object without them ({}, a stray member) is not one.
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty(nameof(BootCounter), out _)
                || !doc.RootElement.TryGetProperty(nameof(LastCommandCounter), out _)) return null;
            s = doc.RootElement.Deserialize<HostState>();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or System.Text.DecoderFallbackException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
        if (s == null || s.BootCounter < 0 || s.LastCommandCounter < 0 || s.LastPermitCounter < 0 || s.PushedConfigCounter < 0 || s.CandidateConfigCounter < 0)
            return null;
        if (s.LastEventHash != null && (s.LastEventHash.Length != 64 || !s.LastEventHash.All(Uri.IsHexDigit))) return null;
        return s;
    }

    /// <summary>
    /// After damage (<see cref="StateRecovery.Previous"/> or <see cref="StateRecovery.Defaults"/>) the
    /// counters read may be older than the ones last accepted: the command counter is raised to the
    /// current UTC millisecond, so no command signed before now (every one a replay could bring) is
    /// accepted; the platform's and `qedge config push`'s counters are UTC milliseconds and pass. The
    /// boot counter moves past any boot the lost save may have counted, so no boot id repeats.
    /// </summary>
    public void RaiseFloorsAfterDamage(StateRecovery recovery, long nowUtcMs)
    {
        if (recovery is not (StateRecovery.Previous or StateRecovery.Defaults)) return;
        LastCommandCounter = Math.Max(LastCommandCounter, nowUtcMs);
        BootCounter = recovery == StateRecovery.Previous ? BootCounter + 1 : Math.Max(BootCounter, nowUtcMs / 1000);
    }
}
