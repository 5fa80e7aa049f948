using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// The evidence: every zone change as a hash-chained event (沁政发〔2026〕1号 (九)) with the
    /// zone's latched causes, the causes that explain it and a snapshot of the channels it reads.
    /// Without a recorder the members go to a small sink writer.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        // ---------------------------------------------------------------- events

        /// <summary>An event with one cause that is not a live condition (boot, remote trip, proof test, fail-safe).</summary>
        private void RecordOne(EventKind eventKind, int zone, ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            BeginZoneEvent(eventKind, zone, Conditions.Code(kind));
            if (_events == null) return;
            JsonWriter w = _events.Writer;
            w.StartArray("causes");
            WriteCause(w, kind, subject, value, threshold, unit, standard != null ? standard : Conditions.Standard(kind));
            w.EndArray();
            WriteSnapshot(w, zone);
            _events.Commit();
        }

        private void RecordFiltered(EventKind kind, int zone, int kinds)
        {
            if (_events == null) return;
            JsonWriter w = BeginZoneEvent(kind, zone, FirstCodeIn(zone, kinds));
            w.StartArray("causes");
            for (int i = 0; i < LiveCount(zone); i++)
            {
                if ((kinds & Conditions.Bit(CauseKind(zone, i))) != 0) WriteLiveCause(w, zone, i);
            }
            w.EndArray();
            WriteSnapshot(w, zone);
            _events.Commit();
        }

        private string FirstCodeIn(int zone, int kinds)
        {
            for (int i = 0; i < LiveCount(zone); i++)
            {
                ConditionKind kind = CauseKind(zone, i);
                if ((kinds & Conditions.Bit(kind)) != 0) return Conditions.Code(kind);
            }
            return "unknown";
        }

        private void RecordZoneEvent(EventKind kind, int zone, string reason, int count)
        {
            BeginZoneEvent(kind, zone, reason);
            EndZoneEvent(zone, count);
        }

        private JsonWriter BeginZoneEvent(EventKind kind, int zone, string reason)
        {
            if (_events == null)
            {
                _sink.Reset();
                return _sink;
            }
            JsonWriter w = _events.Begin(kind, Config(zone).Id, reason, EventKinds.English(kind), EventKinds.Chinese(kind));
            w.Bool("permitted", IsPermitted(zone));
            w.Bool("latched", IsLatched(zone));
            w.StartArray("latchedCauses");
            int latchedMask = LatchedMask(zone);
            for (int bit = 0; bit < Conditions.Count; bit++)
            {
                if ((latchedMask & (1 << bit)) != 0) w.StringElement(Conditions.Code((ConditionKind)bit));
            }
            w.EndArray();
            return w;
        }

        /// <summary>Ends a zone event with the zone's first count live causes.</summary>
        private void EndZoneEvent(int zone, int count)
        {
            if (_events == null) return;
            JsonWriter w = _events.Writer;
            w.StartArray("causes");
            for (int i = 0; i < count; i++) WriteLiveCause(w, zone, i);
            w.EndArray();
            WriteSnapshot(w, zone);
            _events.Commit();
        }

        private void WriteLiveCause(JsonWriter w, int zone, int i)
        {
            WriteCause(w, CauseKind(zone, i), CauseSubject(zone, i), CauseValue(zone, i), CauseThreshold(zone, i), CauseUnit(zone, i), CauseStandard(zone, i));
        }

        private static void WriteCause(JsonWriter w, ConditionKind kind, string subject, double value, double threshold, string unit, string standard)
        {
            w.StartObject();
            w.String("condition", Conditions.Code(kind));
            w.String("subject", subject);
            w.Number("value", value, 4);
            w.Number("threshold", threshold, 4);
            w.String("unit", unit);
            w.String("standard", standard);
            w.String("en", Conditions.English(kind));
            w.String("zh", Conditions.Chinese(kind));
            w.EndObject();
        }

        /// <summary>The zone's channels, its collector's and its outputs' load-current channels, as they are now.</summary>
        private void WriteSnapshot(JsonWriter w, int zone)
        {
            long nowMs = _clock.MonotonicMs;
            w.StartArray("snapshot");
            int count = _table.ChannelCount(zone);
            for (int i = 0; i < count; i++) WriteSnapshotChannel(w, _table.Channel(zone, i), nowMs);
            if (Config(zone).Collector != null)
            {
                for (int k = 0; k < ZoneWiring.CollectorChannels; k++) WriteSnapshotChannel(w, _table.CollectorChannel(zone, k), nowMs);
            }
            int outputCount = _table.OutputCountOf(zone);
            for (int position = 0; position < outputCount; position++)
            {
                int output = _table.Output(zone, position);
                if (output >= 0) WriteSnapshotChannel(w, _table.LoadChannel(output), nowMs);
            }
            w.EndArray();
        }

        private void WriteSnapshotChannel(JsonWriter w, int channel, long nowMs)
        {
            if (channel < 0) return;
            bool hasReading = _alarms.HasReading(channel);
            w.StartObject();
            w.String("channel", _alarms.ChannelId(channel));
            if (hasReading) w.Number("value", _alarms.LastValue(channel), 4);
            else w.Null("value");
            w.String("unit", UnitOf(channel));
            w.StartArray("quality");
            Quality quality = _alarms.EffectiveQuality(channel);
            for (int flag = 0; flag < QualityRules.FlagCount; flag++)
            {
                if ((quality & QualityRules.FlagAt(flag)) != 0) w.StringElement(QualityRules.FlagName(flag));
            }
            w.EndArray();
            if (hasReading) w.Integer("ageMs", nowMs - _alarms.LastMonotonicMs(channel));
            w.EndObject();
        }

        private void RecordConfigInvalid()
        {
            if (_events == null) return;
            JsonWriter w = _events.Begin(EventKind.ConfigInvalid, Interlocks, Conditions.Code(ConditionKind.InvalidConfig),
                EventKinds.English(EventKind.ConfigInvalid), EventKinds.Chinese(EventKind.ConfigInvalid));
            w.StartArray("errors");
            for (int i = 0; i < _errors.Count; i++)
            {
                ValidationError error = _errors[i];
                if (error.IsWarning) continue;
                w.StartObject();
                w.String("path", error.Path);
                w.String("code", error.Code);
                w.String("en", error.English);
                w.String("zh", error.Chinese);
                w.EndObject();
            }
            w.EndArray();
            _events.Commit();
        }
    }
}
