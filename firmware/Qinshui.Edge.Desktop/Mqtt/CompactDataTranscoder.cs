using System.Text.Json;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// Gives every consumer of a gateway's messages the JSON form of its data: learns each channel's "dp"
/// from the meta pages (per gateway and configuration) and turns compact data batches into data.json
/// shape; every other payload passes unchanged. Not thread-safe: the caller serialises calls.
/// </summary>
public sealed class CompactDataTranscoder
{
    // "site/gateway/cfg8" → decimals by channel index (-1: not yet known).
    private readonly Dictionary<string, List<int>> _decimals = new(StringComparer.Ordinal);

    /// <summary>Compact batches that could not be decoded (counted, passed on unchanged).</summary>
    public long Undecodable { get; private set; }

    /// <summary>The payload a JSON reader should see for this message.</summary>
    public byte[] Normalize(string topic, byte[] payload)
    {
        int slash = topic.LastIndexOf('/');
        if (slash < 0) return payload;
        string kind = topic[(slash + 1)..];
        string gateway = topic[..slash];
        if (kind == "meta") Learn(gateway, payload);
        if (kind != "data" || !CompactData.IsCompact(payload, 0, payload.Length)) return payload;
        if (!CompactDataDecoder.TryDecode(payload, out var batch, out _))
        {
            Undecodable++;
            return payload;
        }
        _decimals.TryGetValue(gateway + "/" + batch.Cfg, out var list);
        return CompactDataDecoder.ToJson(batch, c => list != null && c < list.Count && list[c] >= 0 ? list[c] : null);
    }

    private void Learn(string gateway, byte[] payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (!root.TryGetProperty("channels", out var channels) || channels.ValueKind != JsonValueKind.Array) return;
            if (!root.TryGetProperty("cfg", out var cfgEl) || cfgEl.GetString() is not string cfg || !root.TryGetProperty("first", out var f) || !f.TryGetInt32(out int first)) return;
            string key = gateway + "/" + (cfg.Length > 8 ? cfg[..8] : cfg);
            if (!_decimals.TryGetValue(key, out var list)) _decimals[key] = list = [];
            int i = first;
            foreach (var ch in channels.EnumerateArray())
            {
                while (list.Count <= i) list.Add(-1);
                list[i] = ch.TryGetProperty("dp", out var dp) && dp.TryGetInt32(out int d) ? d : -1;
                i++;
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing to learn.
        }
    }
}
