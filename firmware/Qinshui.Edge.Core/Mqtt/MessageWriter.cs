using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Writes every MQTT payload of docs/mqtt.md with the allocation-free <see cref="JsonWriter"/>.
    /// Each message starts with the common header {"v":1,"boot":…,"seq":…,"ts":…}; the sequence
    /// number is one counter per boot over all message kinds, so a gap anywhere is visible.
    /// </summary>
    public sealed class MessageWriter
    {
        public const int SchemaVersion = 1;
        private readonly GatewayIdentity _id;
        private long _seq;

        public MessageWriter(GatewayIdentity identity)
        {
            _id = identity;
        }

        public GatewayIdentity Identity { get { return _id; } }

        /// <summary>The last sequence number handed out (0: none yet this boot).</summary>
        public long LastSequence { get { return _seq; } }

        /// <summary>Opens the message object and writes the common header.</summary>
        public void Begin(JsonWriter w, long utcMs)
        {
            w.StartObject();
            w.Integer("v", SchemaVersion);
            w.String("boot", _id.BootId);
            w.Integer("seq", ++_seq);
            w.Integer("ts", utcMs);
        }

        /// <summary>state: "online" (published retained on connect) or "offline" (the last will).</summary>
        public void WriteState(JsonWriter w, bool online, long utcMs)
        {
            Begin(w, utcMs);
            w.String("state", online ? "online" : "offline");
            w.EndObject();
        }

        public void WriteBirth(JsonWriter w, AlarmEngine engine, ZoneInfo[] zones, bool clockTrusted, long utcMs)
        {
            Begin(w, utcMs);
            w.String("site", _id.Site);
            w.String("gateway", _id.Gateway);
            w.String("fw", _id.FirmwareVersion);
            w.String("cfg", _id.ConfigHashHex);
            w.Bool("clock_trusted", clockTrusted);
            w.StartArray("channels");
            int n = engine == null ? 0 : engine.ChannelCount;
            for (int i = 0; i < n; i++)
            {
                ChannelConfig c = engine.Config(i);
                w.StartObject();
                w.String("id", c.Id);
                w.String("unit", Units.Symbol(c.Unit));
                w.String("profile", c.ProfileId);
                AlarmProfile p = c.ProfileId == null ? null : ProfileCatalog.Find(c.ProfileId);
                if (p != null) w.String("standard", p.Standard);
                w.StartArray("levels");
                for (int l = 0; l < c.Levels.Length; l++)
                {
                    LevelConfig lc = c.Levels[l];
                    w.StartObject();
                    w.String("kind", LevelNames.Kind(lc.Kind));
                    w.String("source", LevelNames.Source(lc.Source));
                    w.String("dir", LevelNames.Dir(lc.Direction));
                    w.Number("threshold", lc.Threshold, 6);
                    w.Number("restore", lc.Restore, 6);
                    w.Bool("latching", lc.Latching);
                    w.EndObject();
                }
                w.EndArray();
                w.EndObject();
            }
            w.EndArray();
            // Each profile once, with the standard it cites (STANDARDS.md).
            w.StartArray("profiles");
            for (int i = 0; i < n; i++)
            {
                string pid = engine.Config(i).ProfileId;
                if (pid == null) continue;
                bool seen = false;
                for (int j = 0; j < i && !seen; j++) seen = engine.Config(j).ProfileId == pid;
                if (seen) continue;
                AlarmProfile p = ProfileCatalog.Find(pid);
                w.StartObject();
                w.String("id", pid);
                w.String("standard", p == null ? "" : p.Standard);
                w.EndObject();
            }
            w.EndArray();
            w.StartArray("zones");
            if (zones != null)
            {
                for (int i = 0; i < zones.Length; i++)
                {
                    ZoneInfo z = zones[i];
                    w.StartObject();
                    w.String("id", z.Id);
                    w.StartArray("outputs");
                    for (int k = 0; k < z.OutputIds.Length; k++) w.StringElement(z.OutputIds[k]);
                    w.EndArray();
                    w.StartArray("channels");
                    for (int k = 0; k < z.ChannelIds.Length; k++) w.StringElement(z.ChannelIds[k]);
                    w.EndArray();
                    w.EndObject();
                }
            }
            w.EndArray();
            w.EndObject();
        }

        /// <summary>One alarm-engine transition. atUtcMs is the transition's wall-clock time.</summary>
        public void WriteAlarm(JsonWriter w, AlarmEngine engine, ref AlarmTransition t, long atUtcMs, bool clockTrusted, long utcMs)
        {
            Begin(w, utcMs);
            ChannelConfig c = engine.Config(t.ChannelIndex);
            w.String("channel", c.Id);
            w.String("transition", TransitionName(t.Kind));
            if (t.LevelIndex >= 0 && t.LevelIndex < c.Levels.Length)
            {
                w.String("level", LevelNames.Kind(c.Levels[t.LevelIndex].Kind));
            }
            w.String("from", LevelStatusNames.Name(t.From));
            w.String("to", LevelStatusNames.Name(t.To));
            Quality q = t.Quality;
            if (!clockTrusted) q |= Quality.ClockUntrusted;
            if (t.Kind == TransitionKind.QualityChanged)
            {
                // The engine carries the previous quality bits in Value for this kind.
                w.Integer("q_from", (int)t.Value);
                w.Null("value");
            }
            else if (QualityRules.IsBad(q)) w.Null("value");
            else w.Number("value", t.Value, 4);
            w.String("unit", Units.Symbol(c.Unit));
            w.Integer("q", (int)q);
            w.Integer("at", atUtcMs);
            w.EndObject();
        }

        public static string TransitionName(TransitionKind k)
        {
            switch (k)
            {
                case TransitionKind.LevelChanged: return "level_changed";
                case TransitionKind.Acknowledged: return "acknowledged";
                case TransitionKind.ResetAccepted: return "reset";
                case TransitionKind.InhibitStarted: return "inhibit_started";
                case TransitionKind.InhibitEnded: return "inhibit_ended";
                case TransitionKind.QualityChanged: return "quality_changed";
                default: return "unknown";
            }
        }

        /// <summary>An event (zones, welding sessions, tamper, config, commands, clock) with English and Chinese text.</summary>
        public void WriteEvent(JsonWriter w, string code, EventSeverity severity, string subject, string english, string chinese, long utcMs)
        {
            Begin(w, utcMs);
            w.String("code", code);
            w.String("sev", severity == EventSeverity.Alarm ? "alarm" : severity == EventSeverity.Warning ? "warning" : "info");
            if (subject != null) w.String("subject", subject);
            w.String("en", english);
            w.String("zh", chinese);
            w.EndObject();
        }

        public void WriteHealth(JsonWriter w, long uptimeMs, HealthFigures f, Journal.JournalStats js, int pendingData, int pendingPriority,
            long transitionsOverflowed, long published, long acknowledged, bool clockTrusted, long utcMs)
        {
            Begin(w, utcMs);
            w.Integer("uptime_ms", uptimeMs);
            if (f != null)
            {
                if (f.FreeHeapBytes >= 0) w.Integer("free_heap", f.FreeHeapBytes);
                w.Integer("scans", f.ScanCount);
                w.Integer("scan_overruns", f.ScanOverruns);
                w.StartObject("bus");
                w.Integer("requests", f.BusRequests);
                w.Integer("timeouts", f.BusTimeouts);
                w.Integer("crc_errors", f.BusCrcErrors);
                w.Integer("exceptions", f.BusExceptions);
                w.EndObject();
            }
            w.StartObject("journal");
            w.Integer("pending_data", pendingData);
            w.Integer("pending_priority", pendingPriority);
            if (js != null)
            {
                w.Integer("evicted_data", js.EvictedDataRecords);
                w.Integer("refused", js.RefusedAppends);
                w.Integer("corrupt_skipped", js.CorruptRecordsSkipped);
                w.Integer("torn_cut", js.TornTailsCut);
            }
            w.EndObject();
            w.Integer("transitions_lost", transitionsOverflowed);
            w.Integer("published", published);
            w.Integer("acked", acknowledged);
            w.Bool("clock_trusted", clockTrusted);
            w.EndObject();
        }

        public void WriteReply(JsonWriter w, CommandResult r, long utcMs)
        {
            Begin(w, utcMs);
            if (r.Id == null) w.Null("id");
            else w.String("id", r.Id);
            if (r.Command == null) w.Null("cmd");
            else w.String("cmd", r.Command);
            w.Bool("ok", r.Ok);
            w.String("code", r.Code);
            w.String("en", r.English);
            w.String("zh", r.Chinese);
            if (r.NextChunk >= 0) w.Integer("next", r.NextChunk);
            if (r.ConfigHash != null) w.String("cfg", r.ConfigHash);
            w.EndObject();
        }
    }
}
