using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Writes every MQTT payload of docs/mqtt.md with the allocation-free <see cref="JsonWriter"/>.
    /// Each message starts with the common header {"v":1,"boot":…,"seq":…,"ts":…}; the sequence
    /// number is one counter per boot over all message kinds, so a gap anywhere is visible.
    /// </summary>
    public sealed class MessageWriter : IMessageHeader
    {
        public const int SchemaVersion = 1;
        private readonly GatewayIdentity _id;
        private long _seq;

        public MessageWriter(GatewayIdentity identity)
        {
            _id = identity;
        }

        public GatewayIdentity Identity { get { return _id; } }

        /// <summary>How data batches are encoded, declared in the birth ("data"): "json" or "compact" (docs/mqtt.md).</summary>
        public string DataEncoding { get; set; } = "json";

        /// <summary>The last sequence number handed out (0: none yet this boot).</summary>
        public long LastSequence { get { return _seq; } }

        /// <summary>
        /// Gives back the sequence number of the message just written when the link refused it and it will
        /// be written again (birth, meta pages, health): a retried message must not leave a gap the platform
        /// would report as a lost message. Only right after that message's Begin, before any other.
        /// </summary>
        public void ReleaseLastSequence()
        {
            if (_seq > 0) _seq--;
        }

        /// <summary>Opens the message object and writes the common header.</summary>
        public void Begin(JsonWriter w, long utcMs)
        {
            w.StartObject();
            WriteHeader(w, utcMs);
        }

        /// <summary>The common header with the next sequence number (hash-chained events write it inside their object).</summary>
        public void WriteHeader(JsonWriter w, long utcMs)
        {
            w.Integer("v", SchemaVersion);
            w.String("boot", _id.BootId);
            w.Integer("seq", ++_seq);
            w.Integer("ts", utcMs);
        }

        /// <summary>
        /// Takes the next sequence number for a message written later (<see cref="Begin(JsonWriter, long, long)"/>):
        /// a data batch reserves its successor's number when it is closed and announces it ("nb").
        /// </summary>
        public long ReserveSequence()
        {
            return ++_seq;
        }

        /// <summary>Opens a message under a number reserved earlier.</summary>
        public void Begin(JsonWriter w, long reservedSeq, long utcMs)
        {
            w.StartObject();
            w.Integer("v", SchemaVersion);
            w.String("boot", _id.BootId);
            w.Integer("seq", reservedSeq);
            w.Integer("ts", utcMs);
        }

        /// <summary>Messages written before this writer existed (early events) used numbers up to lastUsed.</summary>
        public void SkipTo(long lastUsed)
        {
            if (lastUsed > _seq) _seq = lastUsed;
        }

        /// <summary>
        /// The last will: the header of the message it follows (the last number issued, 0 before any) and
        /// "will":true. It takes no number of its own: the broker publishes it only when the connection dies
        /// uncleanly, so a number of its own would be a false gap after every clean disconnect (docs/mqtt.md).
        /// </summary>
        public void WriteWill(JsonWriter w, long utcMs)
        {
            w.StartObject();
            w.Integer("v", SchemaVersion);
            w.String("boot", _id.BootId);
            w.Integer("seq", _seq);
            w.Integer("ts", utcMs);
            w.String("state", "offline");
            w.Bool("will", true);
            w.EndObject();
        }

        /// <summary>state: "online" (published retained on connect) or "offline" (the last will).</summary>
        public void WriteState(JsonWriter w, bool online, long utcMs)
        {
            Begin(w, utcMs);
            w.String("state", online ? "online" : "offline");
            w.EndObject();
        }

        /// <summary>
        /// birth: who is speaking and how its metadata is paged. The channels, profiles and zones follow
        /// in <paramref name="pages"/> meta messages (<see cref="BirthPages"/>), so no message has to hold
        /// the whole configuration (memory budget, docs/memory.md; paging: docs/mqtt.md).
        /// </summary>
        public void WriteBirth(JsonWriter w, int channelCount, int profileCount, int zoneCount, int pages, bool clockTrusted, long utcMs)
        {
            Begin(w, utcMs);
            w.String("site", _id.Site);
            w.String("gateway", _id.Gateway);
            w.String("fw", _id.FirmwareVersion);
            w.String("cfg", _id.ConfigHashHex);
            w.Bool("clock_trusted", clockTrusted);
            w.Integer("channel_count", channelCount);
            w.Integer("profile_count", profileCount);
            w.Integer("zone_count", zoneCount);
            w.Integer("pages", pages);
            w.String("data", DataEncoding);
            w.EndObject();
        }

        /// <summary>Opens a meta page: header, cfg, page numbering, the list's first index and its array (closed by <see cref="EndMetaPage"/>).</summary>
        public void BeginMetaPage(JsonWriter w, int page, int pages, string list, int first, long utcMs)
        {
            Begin(w, utcMs);
            w.String("cfg", _id.ConfigHashHex);
            w.Integer("page", page);
            w.Integer("pages", pages);
            w.Integer("first", first);
            w.StartArray(list);
        }

        public static void EndMetaPage(JsonWriter w)
        {
            w.EndArray();
            w.EndObject();
        }

        /// <summary>One channel of the birth metadata: id, unit, profile and its standard, levels (from the engine, which keeps no ChannelConfig).</summary>
        public static void WriteChannelItem(JsonWriter w, AlarmEngine engine, int i)
        {
            w.StartObject();
            w.String("id", engine.ChannelId(i));
            w.String("unit", Units.Symbol(engine.ChannelUnit(i)));
            w.String("profile", engine.ProfileId(i));
            AlarmProfile p = engine.Profile(i);
            if (p != null) w.String("standard", p.Standard);
            // Decimals of the channel's values in compact data batches (scaled integers, docs/mqtt.md).
            w.Integer("dp", CompactData.DecimalsForSpan(engine.RangeMin(i), engine.RangeMax(i)));
            w.StartArray("levels");
            for (int l = 0; l < engine.LevelCount(i); l++)
            {
                w.StartObject();
                w.String("kind", LevelNames.Kind(engine.LevelKindOf(i, l)));
                w.String("source", LevelNames.Source(engine.LevelSourceOf(i, l)));
                w.String("dir", LevelNames.Dir(engine.LevelDirection(i, l)));
                w.Number("threshold", engine.Threshold(i, l), 6);
                w.Number("restore", engine.Restore(i, l), 6);
                w.Bool("latching", engine.IsLatching(i, l));
                w.EndObject();
            }
            w.EndArray();
            w.EndObject();
        }

        /// <summary>One profile (each once) with the standard it cites (STANDARDS.md).</summary>
        public static void WriteProfileItem(JsonWriter w, string profileId)
        {
            AlarmProfile p = ProfileCatalog.Find(profileId);
            w.StartObject();
            w.String("id", profileId);
            w.String("standard", p == null ? "" : p.Standard);
            w.EndObject();
        }

        /// <summary>One zone: its id, the outputs it drives and the channels it watches.</summary>
        public static void WriteZoneItem(JsonWriter w, ZoneInfo z)
        {
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

        /// <summary>One alarm-engine transition. atUtcMs is the transition's wall-clock time.</summary>
        public void WriteAlarm(JsonWriter w, AlarmEngine engine, ref AlarmTransition t, long atUtcMs, bool clockTrusted, long utcMs)
        {
            Begin(w, utcMs);
            w.String("channel", engine.ChannelId(t.ChannelIndex));
            w.String("transition", TransitionName(t.Kind));
            if (t.LevelIndex >= 0 && t.LevelIndex < engine.LevelCount(t.ChannelIndex))
            {
                w.String("level", LevelNames.Kind(engine.LevelKindOf(t.ChannelIndex, t.LevelIndex)));
                // Issue 13 #12: a STEL or TWA level is named as such (its value is the average, not the reading),
                // and two levels of one kind (an instant and an exposure alarm) stay apart.
                w.String("source", LevelNames.Source(engine.LevelSourceOf(t.ChannelIndex, t.LevelIndex)));
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
            w.String("unit", Units.Symbol(engine.ChannelUnit(t.ChannelIndex)));
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
                w.Integer("commands_dropped", f.CommandsDropped);
                w.StartObject("bus");
                w.Integer("requests", f.BusRequests);
                w.Integer("timeouts", f.BusTimeouts);
                w.Integer("crc_errors", f.BusCrcErrors);
                w.Integer("exceptions", f.BusExceptions);
                w.EndObject();
                WriteProofTests(w, f);
                if (f.Link != null) f.Link.Write(w);
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

        private static void WriteProofTests(JsonWriter w, HealthFigures f)
        {
            if (f.ProofTestsOverdue < 0) return;
            w.StartArray("proof_test_overdue");
            for (int i = 0; i < f.ProofTestsOverdue && f.ProofTestOverdueZones != null && i < f.ProofTestOverdueZones.Length; i++)
            {
                w.StringElement(f.ProofTestOverdueZones[i]);
            }
            w.EndArray();
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
