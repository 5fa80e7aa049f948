using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Permissive evaluation: which of a zone's conditions fail now (channels, monitoring,
    /// platform link, dust collector, work authorisation, E-stops, enclosure, output feedback).
    /// Each failing condition becomes a live cause in the zone's slots of the ZoneTable.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        // ---------------------------------------------------------------- conditions

        /// <summary>Fills the zone's live causes and returns their mask (0 = every condition holds).</summary>
        private int ComputeConditions(int zone, long nowMs)
        {
            ZoneConfig zoneConfig = Config(zone);
            _table.SetLiveCount(zone, 0);
            _table.SetLiveMask(zone, 0);

            CheckChannels(zone, zoneConfig, nowMs);
            int monitoring = _table.MonitoringInput(zone);
            if (monitoring >= 0) CheckInput(zone, monitoring, false, ConditionKind.MonitoringLost);
            CheckHeartbeat(zone, zoneConfig, nowMs);
            CheckPlatformLink(zone, zoneConfig, nowMs);
            if (zoneConfig.Collector != null) CheckCollector(zone, zoneConfig.Collector, nowMs);

            if (zoneConfig.RequiresWorkAuthorisation && (_authorisation == null || !_authorisation.IsAuthorised(zone, nowMs)))
            {
                Add(zone, ConditionKind.WorkNotAuthorised, 0, 0);
            }

            int stopCount = _table.EmergencyStopCount(zone);
            for (int i = 0; i < stopCount; i++) CheckInput(zone, _table.EmergencyStop(zone, i), true, ConditionKind.EmergencyStop);
            int enclosure = _table.EnclosureInput(zone);
            if (enclosure >= 0) CheckInput(zone, enclosure, true, ConditionKind.EnclosureTamper);

            int outputCount = _table.OutputCountOf(zone);
            for (int position = 0; position < outputCount; position++) CheckFeedback(zone, position, nowMs);

            return LiveMask(zone);
        }

        /// <summary>The zone's listed channels: health, its own limit, alarm levels, presence inputs.</summary>
        private void CheckChannels(int zone, ZoneConfig zoneConfig, long nowMs)
        {
            int count = _table.ChannelCount(zone);
            for (int i = 0; i < count; i++)
            {
                // Channel reference k = i: the zone's own channels come first.
                if (ChannelUsable(zone, i, nowMs) && zoneConfig.HasLimit(i))
                {
                    double value = _alarms.LastValue(_table.Channel(zone, i));
                    if (!(value < zoneConfig.Limit(i))) Add(zone, ConditionKind.ChannelAboveLimit, DetailZoneLimit, i);
                }
                CheckLevels(zone, i, zoneConfig.PermitLevel(i));
                int presence = _table.PresenceInput(zone, i);
                if (presence >= 0) CheckInput(zone, presence, false, ConditionKind.SensorUnplugged);
            }
        }

        /// <summary>The monitoring heartbeat (NVR/camera), when the zone supervises one.</summary>
        private void CheckHeartbeat(int zone, ZoneConfig zoneConfig, long nowMs)
        {
            if (zoneConfig.MonitoringHeartbeatTimeoutMs <= 0) return;
            long lastHeartbeatMs = _table.LastHeartbeatMs(zone);
            if (lastHeartbeatMs == None)
            {
                See(zone, HeartbeatAgeSlot, double.NaN);
                Add(zone, ConditionKind.MonitoringLost, DetailHeartbeat, 0);
            }
            else if (nowMs - lastHeartbeatMs > zoneConfig.MonitoringHeartbeatTimeoutMs)
            {
                See(zone, HeartbeatAgeSlot, nowMs - lastHeartbeatMs);
                Add(zone, ConditionKind.MonitoringLost, DetailHeartbeat, 0);
            }
        }

        /// <summary>The platform link, when the zone supervises it.</summary>
        private void CheckPlatformLink(int zone, ZoneConfig zoneConfig, long nowMs)
        {
            if (zoneConfig.PlatformLinkGraceMs <= 0) return;
            if (_linkAliveMs == None)
            {
                See(zone, LinkAgeSlot(zone), double.NaN);
                Add(zone, ConditionKind.PlatformLinkLost, 0, 0);
            }
            else if (nowMs - _linkAliveMs > zoneConfig.PlatformLinkGraceMs)
            {
                See(zone, LinkAgeSlot(zone), nowMs - _linkAliveMs);
                Add(zone, ConditionKind.PlatformLinkLost, 0, 0);
            }
        }

        /// <summary>The zone's dust collector: pressure band, hopper temperature, airlock, and for a wet one water level and flow.</summary>
        private void CheckCollector(int zone, DustCollectorConfig collector, long nowMs)
        {
            // Channel references count .. count+3: dp, hopper, level, flow.
            int count = _table.ChannelCount(zone);
            int dp = count;
            if (ChannelUsable(zone, dp, nowMs))
            {
                double pressurePa = _alarms.LastValue(ReferencedChannel(zone, dp));
                if (pressurePa < collector.DpMinPa) Add(zone, ConditionKind.CollectorPressureOutOfBand, 0, dp);
                else if (pressurePa > collector.DpMaxPa) Add(zone, ConditionKind.CollectorPressureOutOfBand, DetailAboveBand, dp);
            }
            int hopper = count + 1;
            if (ChannelUsable(zone, hopper, nowMs))
            {
                double temperatureC = _alarms.LastValue(ReferencedChannel(zone, hopper));
                if (!(temperatureC < collector.HopperTemperatureMaxC)) Add(zone, ConditionKind.HopperTemperatureHigh, 0, hopper);
            }
            int airlock = _table.AirlockInput(zone);
            if (airlock >= 0) CheckInput(zone, airlock, true, ConditionKind.AirlockFault);
            CheckSpark(zone);
            if (!collector.Wet) return;
            int level = count + 2;
            if (ChannelUsable(zone, level, nowMs))
            {
                double levelMm = _alarms.LastValue(ReferencedChannel(zone, level));
                if (!(levelMm >= collector.WaterLevelMinMm)) Add(zone, ConditionKind.WaterLevelLow, 0, level);
            }
            int flow = count + 3;
            if (ChannelUsable(zone, flow, nowMs))
            {
                double flowM3h = _alarms.LastValue(ReferencedChannel(zone, flow));
                if (!(flowM3h >= collector.WaterFlowMinM3h)) Add(zone, ConditionKind.WaterFlowLow, 0, flow);
            }
        }

        /// <summary>
        /// The collector's spark detector (GB 15577-2018, where required). Its own cause, not an E-stop
        /// stand-in: a spark, an open contact (cut wire, inverted input) and an unreadable input all
        /// count as a detection; the zone latches and only a local reset after the input clears restores it.
        /// </summary>
        private const int DetailInputUnreadable = 1;

        private void CheckSpark(int zone)
        {
            int spark = _table.SparkInput(zone);
            if (spark < 0) return;
            if (!_table.IsInputOk(spark)) Add(zone, ConditionKind.SparkDetected, DetailInputUnreadable, spark);
            else if (_table.IsInputActive(spark)) Add(zone, ConditionKind.SparkDetected, 0, spark);
        }

        /// <summary>
        /// Adds fault/stale/inhibit/calibration causes of the zone's channel reference k (and keeps
        /// its reading as seen); true when the value may be compared.
        /// </summary>
        private bool ChannelUsable(int zone, int reference, long nowMs)
        {
            int channel = ReferencedChannel(zone, reference);
            Quality quality = _alarms.EffectiveQuality(channel);
            // Issue 13 #2: a stuck reading that moved again is latched until this zone's reset, like a trip.
            if (_alarms.IsStuckAwaitingReset(channel)) { quality &= ~Quality.Stuck; Add(zone, ConditionKind.ChannelTripLatched, 0, reference); }
            bool hasReading = _alarms.HasReading(channel);
            See(zone, ReadingSlot(zone, reference), _alarms.LastValue(channel));
            See(zone, ReadingSlot(zone, reference) + 1, hasReading ? nowMs - _alarms.LastMonotonicMs(channel) : double.NaN);
            bool usable = true;
            if (!hasReading || (quality & (QualityRules.BadMask & ~Quality.Stale)) != 0)
            {
                Add(zone, ConditionKind.ChannelFault, 0, reference);
                usable = false;
            }
            if (hasReading)
            {
                long ageMs = nowMs - _alarms.LastMonotonicMs(channel);
                // Checked here too: the alarm engine marks staleness only when it is ticked.
                if ((quality & Quality.Stale) != 0 || ageMs > _alarms.MaxAgeMs(channel))
                {
                    Add(zone, ConditionKind.ChannelStale, 0, reference);
                    usable = false;
                }
            }
            if ((quality & Quality.Inhibited) != 0)
            {
                Add(zone, ConditionKind.ChannelInhibited, 0, reference);
                usable = false;
            }
            if ((quality & Quality.CalibrationOverdue) != 0)
            {
                Add(zone, ConditionKind.CalibrationOverdue, 0, reference);
                usable = false;
            }
            if (usable && !QualityRules.IsHealthyForPermissive(quality))
            {
                Add(zone, ConditionKind.ChannelFault, 0, reference);
                usable = false;
            }
            if (usable)
            {
                double value = _alarms.LastValue(channel);
                if (double.IsNaN(value) || double.IsInfinity(value))
                {
                    Add(zone, ConditionKind.ChannelFault, 0, reference);
                    usable = false;
                }
            }
            return usable;
        }

        /// <summary>Level causes of the zone's channel k (its value was kept by ChannelUsable, called first).</summary>
        private void CheckLevels(int zone, int reference, LevelKind permitLevel)
        {
            int channel = ReferencedChannel(zone, reference);
            for (int level = 0; level < _alarms.LevelCount(channel); level++)
            {
                if ((int)_alarms.LevelKindOf(channel, level) < (int)permitLevel) continue;
                LevelStatus status = _alarms.Status(channel, level);
                int detail = level + 1 < DetailLevelBeyond ? level + 1 : DetailLevelBeyond;
                if (status == LevelStatus.Active)
                {
                    Add(zone, _alarms.LevelDirection(channel, level) == Direction.Low ? ConditionKind.ChannelBelowLimit : ConditionKind.ChannelAboveLimit, detail, reference);
                }
                else if (_alarms.IsLatched(channel, level) || status == LevelStatus.ClearedAwaitingReset)
                {
                    Add(zone, ConditionKind.ChannelTripLatched, detail, reference);
                }
            }
        }

        /// <summary>Adds kind when the input is in its unsafe state (active when unsafeWhenActive, else inactive).</summary>
        private void CheckInput(int zone, int input, bool unsafeWhenActive, ConditionKind kind)
        {
            if (!_table.IsInputOk(input))
            {
                Add(zone, ConditionKind.InputUnreadable, 0, input);
                return;
            }
            if (_table.IsInputActive(input) == unsafeWhenActive) Add(zone, kind, 0, input);
        }

        /// <summary>
        /// Records a live cause. The zone's slots are counted from its wiring (ZoneWiring.CauseBound),
        /// so they cannot run out; were they to, the kind is still in LiveMask, which is what trips.
        /// </summary>
        private void Add(int zone, ConditionKind kind, int detail, int subject)
        {
            _table.SetLiveMask(zone, LiveMask(zone) | Conditions.Bit(kind));
            _table.AddCause(zone, (int)kind | (detail << DetailShift), subject);
        }

        private void See(int zone, int offset, double value) { _table.See(zone, offset, value); }

        private double Seen(int zone, int offset) { return _table.Seen(zone, offset); }

        /// <summary>The zone's channel reference k: its channels, its collector's four, then one per output (load current).</summary>
        private int ReferencedChannel(int zone, int reference)
        {
            int count = _table.ChannelCount(zone);
            if (reference < count) return _table.Channel(zone, reference);
            reference -= count;
            if (Config(zone).Collector != null)
            {
                if (reference < ZoneWiring.CollectorChannels) return _table.CollectorChannel(zone, reference);
                reference -= ZoneWiring.CollectorChannels;
            }
            // Then the outputs that have a load-current channel, in the zone's order.
            int outputCount = _table.OutputCountOf(zone);
            for (int position = 0; position < outputCount; position++)
            {
                int loadChannel = _table.LoadChannel(_table.Output(zone, position));
                if (loadChannel < 0) continue;
                if (reference == 0) return loadChannel;
                reference--;
            }
            return -1;
        }

        // A zone's seen values: the heartbeat age (when supervised), the link age (when supervised), then per reference value and age.
        private const int HeartbeatAgeSlot = 0;
        private int LinkAgeSlot(int zone) { return Config(zone).MonitoringHeartbeatTimeoutMs > 0 ? 1 : 0; }

        private int ReadingSlot(int zone, int reference)
        {
            ZoneConfig zoneConfig = Config(zone);
            return (zoneConfig.MonitoringHeartbeatTimeoutMs > 0 ? 1 : 0) + (zoneConfig.PlatformLinkGraceMs > 0 ? 1 : 0) + 2 * reference;
        }

        private int ZoneOutput(int zone, int position) { return _table.Output(zone, position); }
    }
}
