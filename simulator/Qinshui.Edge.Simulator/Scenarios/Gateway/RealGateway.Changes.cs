using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>The run events of the real gateway: changes of outputs, zones, levels, welding sessions and what reached the platform.</summary>
public sealed partial class RealGateway
{
    /// <summary>Reports changes of outputs, zones, levels, welding sessions and what reached the platform as run events.</summary>
    private void ReportChanges(long nowMs)
    {
        var rt = _rt!;
        for (int o = 0; o < _config.Interlocks.Outputs.Length; o++)
        {
            string id = _config.Interlocks.Outputs[o].Id;
            bool on = rt.Zones.IsOutputEnergised(o);
            if (Changed("out:" + id, on ? "on" : "off"))
                Emit(nowMs, on ? "output_on" : "output_off", id, on ? EventTexts.OutputOn(id) : EventTexts.OutputOff(id, ReasonOfOutput(rt, id)), true);
        }
        for (int z = 0; z < rt.Zones.ZoneCount; z++)
        {
            string id = rt.Zones.Config(z).Id;
            string state = ZoneStateName(rt.Zones, z);
            if (Changed("zone:" + id, state)) Emit(nowMs, "zone_" + state, id, EventTexts.Zone(id, state, FirstCause(rt.Zones, z)), true);
        }
        for (int c = 0; c < _config.Channels.Length; c++)
        {
            var alarms = rt.Alarms;
            var cc = _config.Channels[c];
            for (int k = 0; k < alarms.LevelCount(c); k++)
            {
                string status = LevelStatusNames.Name(alarms.Status(c, k));
                string level = LevelNames.Kind(cc.Levels[k].Kind);
                string key = "lvl:" + cc.Id + "." + level + k;
                string? before = _last.GetValueOrDefault(key);
                if (Changed(key, status) && before != null)
                {
                    bool important = alarms.Status(c, k) is LevelStatus.Active or LevelStatus.Fault || before == "active";
                    Emit(nowMs, "level_" + status, cc.Id + "." + level, EventTexts.Level(cc.Id, level, before, status), important);
                }
            }
            string q = QualityRules.Describe(alarms.EffectiveQuality(c));
            string? qb = _last.GetValueOrDefault("q:" + cc.Id);
            if (Changed("q:" + cc.Id, q) && qb != null) Emit(nowMs, "quality_changed", cc.Id, EventTexts.Quality(cc.Id, alarms.EffectiveQuality(c)), false);
        }
        for (int s = 0; s < rt.Stations.Length; s++)
        {
            var station = rt.Stations[s];
            string id = station.Config.Id;
            string was = _last.GetValueOrDefault("weld:" + id, "stop");
            if (Changed("weld:" + id, station.IsRunning ? "run" : "stop") && !(was == "stop" && !station.IsRunning))
            {
                if (station.IsRunning) Emit(nowMs, "welding_started", id, EventTexts.WeldingStarted(id, station.Session.MachineCode, station.Session.WelderId, station.Session.PermitId), true);
                else Emit(nowMs, "welding_stopped", id, EventTexts.WeldingStopped(id, station.Session.StopReason), true);
            }
        }
        // What reached the platform: replies and events, in arrival order.
        var messages = _platform.Inbox.Messages;
        for (; _inboxSeen < messages.Count; _inboxSeen++)
        {
            var m = messages[_inboxSeen];
            if (m.Kind is not ("reply" or "event")) continue;
            try
            {
                using var doc = JsonDocument.Parse(m.Payload);
                var r = doc.RootElement;
                if (m.Kind == "reply")
                {
                    string id = r.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : "";
                    bool ok = r.GetProperty("ok").GetBoolean();
                    string code = r.TryGetProperty("code", out var cd) ? cd.GetString() ?? "" : "";
                    string en = r.TryGetProperty("en", out var t) ? t.GetString() ?? "" : "";
                    string zh = r.TryGetProperty("zh", out var tz) ? tz.GetString() ?? "" : "";
                    Emit(nowMs, ok ? "reply_accepted" : "reply_refused", id, EventTexts.Reply(id, ok, code, en, zh), true);
                }
                else if (r.TryGetProperty("kind", out var kind) || r.TryGetProperty("code", out kind))
                {
                    string subject = r.TryGetProperty("subject", out var sb) ? sb.GetString() ?? "" : "";
                    string reason = r.TryGetProperty("reason", out var rs) && rs.ValueKind == JsonValueKind.String ? rs.GetString() ?? "" : "";
                    string en = r.TryGetProperty("en", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? "" : "";
                    string zh = r.TryGetProperty("zh", out var tz) && tz.ValueKind == JsonValueKind.String ? tz.GetString() ?? "" : "";
                    string k = kind.GetString() ?? "";
                    Emit(nowMs, k.Length > 0 ? k : "event", subject, EventTexts.PlatformEvent(k, subject, reason, en, zh), false);
                    if (reason.Length > 0) Emit(nowMs, reason, subject, EventTexts.PlatformReason(k, reason), false);
                }
            }
            catch (Exception x) when (x is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                Emit(nowMs, "platform_payload_invalid", m.Topic, EventTexts.PayloadInvalid(m.Topic), true);
            }
        }
    }

    private bool Changed(string key, string value)
    {
        if (_last.TryGetValue(key, out var v) && v == value) return false;
        _last[key] = value;
        return true;
    }
}
