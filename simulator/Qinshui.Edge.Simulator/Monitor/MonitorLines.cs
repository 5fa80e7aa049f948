using System.Globalization;
using System.Text.Json;
using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Simulator.Monitor;

/// <summary>
/// One message of a gateway told in words, using what the feed knows of the gateway (channel names,
/// units and levels from its meta pages; zone outputs): the lines <see cref="MonitorPrinter"/> prints.
/// </summary>
internal static class MonitorLines
{
    public static IEnumerable<string> Describe(GatewayView view, string kind, JsonElement root, bool metadataCompleted, string lang)
    {
        bool zh = lang == "zh";
        switch (kind)
        {
            case "state":
                bool online = GatewayView.Str(root, "state") == "online";
                bool will = root.TryGetProperty("will", out var w) && w.ValueKind == JsonValueKind.True;
                yield return online ? (zh ? "在线" : "online") : zh ? "离线" + (will ? "（遗嘱消息：连接中断）" : "") : "offline" + (will ? " (last will: connection lost)" : "");
                break;
            case "birth":
                yield return zh
                    ? $"上线报文：固件 {GatewayView.Str(root, "fw")}，配置 {Short(GatewayView.Str(root, "cfg"))}，{Int(root, "channel_count")} 个通道，{Int(root, "zone_count")} 个区域，元数据 {Int(root, "pages")} 页"
                    : $"birth: firmware {GatewayView.Str(root, "fw")}, config {Short(GatewayView.Str(root, "cfg"))}, {Int(root, "channel_count")} channel(s), {Int(root, "zone_count")} zone(s), metadata in {Int(root, "pages")} page(s)";
                break;
            case "meta":
                if (!metadataCompleted)
                {
                    yield return zh ? $"元数据第 {Int(root, "page") + 1}/{Int(root, "pages")} 页" : $"meta page {Int(root, "page") + 1}/{Int(root, "pages")}";
                    break;
                }
                yield return zh ? $"元数据完整：{view.Channels.Count} 个通道，{view.Zones.Count} 个区域" : $"metadata complete: {view.Channels.Count} channel(s), {view.Zones.Count} zone(s)";
                foreach (var c in view.Channels)
                    yield return $"{c.Id}  [{c.Unit}]  {c.Profile}{(c.Standard != "" ? " (" + c.Standard + ")" : "")}  {string.Join(" · ", c.Levels.Select(l => FeedText.Limit(l, lang)))}";
                foreach (var z in view.Zones)
                    yield return zh ? $"区域 {z.Id}：输出 {string.Join(", ", z.Outputs)}；通道 {string.Join(", ", z.ChannelIds)}"
                                    : $"zone {z.Id}: outputs {string.Join(", ", z.Outputs)}; channels {string.Join(", ", z.ChannelIds)}";
                break;
            case "data":
                yield return Data(view, root, lang);
                break;
            case "alarm":
                yield return Alarm(view, root, lang);
                break;
            case "event":
                foreach (var l in Event(view, root, lang)) yield return l;
                break;
            case "health":
                long pending = root.TryGetProperty("journal", out var j) && j.ValueKind == JsonValueKind.Object
                    ? Int(j, "pending_data") + Int(j, "pending_priority") : 0;
                yield return zh ? $"健康：运行 {Int(root, "uptime_ms") / 1000} s，日志待发 {pending} 条" : $"health: up {Int(root, "uptime_ms") / 1000} s, journal pending {pending}";
                break;
            case "reply":
                bool ok = root.TryGetProperty("ok", out var o) && o.ValueKind == JsonValueKind.True;
                string text = GatewayView.Str(root, zh ? "zh" : "en") ?? "";
                yield return zh ? $"命令 {GatewayView.Str(root, "cmd")} 应答：{(ok ? "接受" : "拒绝")} {GatewayView.Str(root, "code")} {text}"
                                : $"reply to {GatewayView.Str(root, "cmd")}: {(ok ? "accepted" : "refused")} {GatewayView.Str(root, "code")} {text}";
                break;
            default:
                yield return kind;
                break;
        }
    }

    /// <summary>The newest reading of each channel in the batch: name, value and unit, or why there is none.</summary>
    private static string Data(GatewayView view, JsonElement root, string lang)
    {
        bool hist = root.TryGetProperty("hist", out var h) && h.ValueKind == JsonValueKind.True;
        var newest = new SortedDictionary<int, (double? Value, int Quality)>();
        if (root.TryGetProperty("r", out var r) && r.ValueKind == JsonValueKind.Array)
            foreach (var item in r.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() >= 4 && item[0].TryGetInt32(out int i) && item[3].TryGetInt32(out int q))
                    newest[i] = (item[2].ValueKind == JsonValueKind.Number ? item[2].GetDouble() : null, q);
        var shown = newest.Select(kv =>
        {
            var c = kv.Key < view.Channels.Count ? view.Channels[kv.Key] : null;
            string name = c?.Id ?? $"#{kv.Key}";
            string quality = FeedText.Quality(kv.Value.Quality, lang);
            string value = kv.Value.Value is double v ? $"{v.ToString("0.###", CultureInfo.InvariantCulture)} {c?.Unit}".TrimEnd() : "—";
            string flags = c?.ResetNeeded == true ? " " + FeedText.ResetNeeded(lang) : "";
            return $"{name} {value}{(quality != "" ? " (" + quality + ")" : "")}{flags}";
        });
        string head = lang == "zh" ? (hist ? "数据（补发）" : "数据") : hist ? "data (replayed)" : "data";
        string note = view.Channels.Count == 0 ? (lang == "zh" ? "（尚无元数据：请发 rebirth）" : " (no metadata yet: send rebirth)") : "";
        return $"{head}: {string.Join(" · ", shown)}{note}";
    }

    private static string Alarm(GatewayView view, JsonElement root, string lang)
    {
        string id = GatewayView.Str(root, "channel") ?? "?";
        var c = view.Channel(id);
        string transition = GatewayView.Str(root, "transition") ?? "";
        string levelKind = GatewayView.Str(root, "level") ?? "";
        string to = GatewayView.Str(root, "to") ?? "";
        double? value = GatewayView.Number(root, "value");
        string unit = c?.Unit ?? GatewayView.Str(root, "unit") ?? "";
        string at = value is double v ? (lang == "zh" ? $"，读数 {v:0.###} {unit}" : $" at {v:0.###} {unit}") : "";
        var level = c?.Levels.FirstOrDefault(l => l.Kind == levelKind && l.Source == (GatewayView.Str(root, "source") ?? "instant"));
        string limit = level != null ? $" [{FeedText.Limit(level, lang)}]" : "";
        string reset = to == "cleared_awaiting_reset" ? " — " + FeedText.ResetNeeded(lang) : "";
        if (transition != "level_changed")
            return lang == "zh" ? $"报警 {id}：{FeedText.TransitionZh(transition)}{at}" : $"alarm {id}: {transition.Replace('_', ' ')}{at}";
        return lang == "zh"
            ? $"报警 {id} {FeedText.LevelZh(levelKind)}：{FeedText.StateZh(GatewayView.Str(root, "from") ?? "")} → {FeedText.StateZh(to)}{at}{limit}{reset}"
            : $"alarm {id} {levelKind}: {FeedText.State(GatewayView.Str(root, "from") ?? "", lang)} → {FeedText.State(to, lang)}{at}{limit}{reset}";
    }

    private static IEnumerable<string> Event(GatewayView view, JsonElement root, string lang)
    {
        bool zh = lang == "zh";
        string kind = GatewayView.Str(root, "kind") ?? GatewayView.Str(root, "code") ?? "event";
        string subject = GatewayView.Str(root, "subject") ?? "";
        string text = GatewayView.Str(root, zh ? "zh" : "en") ?? "";
        var zone = view.Zones.FirstOrDefault(z => z.Id == subject);
        if (zone == null || !root.TryGetProperty("permitted", out _))
        {
            yield return (zh ? "事件 " : "event ") + $"{kind}{(subject != "" ? " " + subject : "")}: {text}";
            yield break;
        }
        string state = zone.Permitted ? (zh ? "允许供电" : "ON (permitted)") : zh ? "断电" : "OFF";
        string reset = zone.ResetNeeded ? " — " + FeedText.ResetNeeded(lang) : "";
        yield return (zh ? $"区域 {zone.Id} {state}（{kind}）：" : $"zone {zone.Id} {state} ({kind}): ") + text + reset;
        foreach (var c in zone.Causes)
        {
            string seen = c.Value is double v ? $" {v:0.###}{(c.Threshold is double t ? " / " + t.ToString("0.###", CultureInfo.InvariantCulture) : "")} {c.Unit}" : "";
            yield return (zh ? "原因：" : "cause: ") + $"{c.Condition} {c.Subject}{seen} — {(zh ? c.Zh : c.En)}";
        }
    }

    private static long Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt64(out long n) ? n : 0;

    private static string Short(string? hash) => hash == null ? "?" : hash.Length > 8 ? hash[..8] : hash;
}
