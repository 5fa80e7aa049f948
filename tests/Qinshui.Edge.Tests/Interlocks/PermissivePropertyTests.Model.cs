using CsCheck;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>The model and oracle of <see cref="PermissivePropertyTests"/>: the plant as the test knows it, and the methane cut level modelled apart from the alarm engine.</summary>
public partial class PermissivePropertyTests
{
    /// <summary>The plant as the test knows it, and the latches and settle timers the engine must respect.</summary>
    private sealed class Model
    {
        public readonly ZoneHarness H;
        public readonly bool[] Latched = { true, true };
        public readonly long[] ClearSince = { long.MinValue, long.MinValue };
        public long LastFedCh4;
        public double FedCh4Value;
        public Quality FedCh4Quality;
        public long LastHeartbeat = long.MinValue;
        public long LastLink = long.MinValue;
        public long InhibitUntil = long.MinValue;
        public long LastEvaluate = long.MinValue;
        public readonly long[] OnSince = new long[3];
        /// <summary>The cut level of each zone's methane channel (bay: ch4, line 2: ch4_line2), modelled here.</summary>
        public readonly TripLevelModel[] Trip = { new(), new() };
        private bool _everFedCh4;
        public readonly bool[] WasOn = new bool[3];

        [ThreadStatic] private static SystemSha256? t_sha;

        public Model(bool recordEvents, Core.Alarms.ChannelConfig? line2Channel = null)
        {
            t_sha ??= new SystemSha256();
            H = new ZoneHarness(c => { c.Zones[0].SettleMs = SettleMs; c.Zones[1].SettleMs = SettleMs; },
                keepRecords: recordEvents, sha: t_sha, recordEvents: recordEvents, line2Channel: line2Channel);
        }

        private FakeRelay Relay(int i) => i == 0 ? H.Relay1 : i == 1 ? H.Relay2 : H.Relay3;

        public void Scan()
        {
            H.Feed();
            long now = H.Now;
            if (H.Feeding[ZoneHarness.Ch4])
            {
                LastFedCh4 = now;
                FedCh4Value = H.Values[ZoneHarness.Ch4];
                FedCh4Quality = H.Qualities[ZoneHarness.Ch4];
                _everFedCh4 = true;
            }
            // Every scan judges the levels on the last reading (a stale one is bad data).
            bool inhibited = InhibitUntil != long.MinValue && now < InhibitUntil;
            Trip[0].Judge(FedCh4Value, _everFedCh4 && ReadingGood(FedCh4Value, FedCh4Quality) && now - LastFedCh4 <= StaleAfterMs, inhibited);
            double v2 = H.Values[ZoneHarness.Ch4Line2];
            Trip[1].Judge(v2, ReadingGood(v2, H.Qualities[ZoneHarness.Ch4Line2]), false);
            if (H.Heartbeats) LastHeartbeat = now;
            if (H.LinkAlive) LastLink = now;
            if (LastEvaluate != long.MinValue && now - LastEvaluate > 2000) Latched[0] = Latched[1] = true;
            if (H.Airlock.Throws) Latched[0] = Latched[1] = true;
            LastEvaluate = now;
            H.Engine.Evaluate(now);
            Check("scan");
        }

        /// <summary>A channel's 0–4 %vol span (MINE_CH4_FACE): outside it, or not good, or NaN, a reading is bad data.</summary>
        private static bool ReadingGood(double value, Quality quality) =>
            quality == Quality.Good && !double.IsNaN(value) && value >= 0 && value <= 4;

        /// <summary>The channels' maximum age (ChannelConfig.DefaultMaxAgeMs, AQ 6201: link failure = over-limit).</summary>
        private const long StaleAfterMs = 30_000;

        private static bool ChannelOk(bool everFed, double value, Quality quality, double limit) =>
            everFed && ReadingGood(value, quality) && value < limit;

        /// <summary>
        /// The trip level is not active; when strict, not latched either. A latched level that
        /// has cleared below restore blocks the permit but lets the settle time run: the zone's
        /// reset resets it (AQ 1029-2019: restore below 1.0 %, then re-energise). From the model.
        /// </summary>
        private bool TripLevelClear(int z, bool strict) => (!strict || !Trip[z].Latched) && !Trip[z].Active;

        private bool RelaysOk(params int[] relays)
        {
            foreach (int r in relays)
            {
                var relay = Relay(r);
                if (!relay.Feedback.Readable) return false;
                if (relay.Fault == RelayFault.StuckOff && relay.Energised && WasOn[r] && H.Now - OnSince[r] >= 500) return false;
            }
            return true;
        }

        /// <summary>Every configured condition of the zone, judged from the model.</summary>
        public bool ConditionsHold(int z, bool strict = true, bool authorisation = true)
        {
            long now = H.Now;
            bool estop = H.EStop.Readable && !H.EStop.Active;
            if (z == 1)
            {
                double v2 = H.Values[ZoneHarness.Ch4Line2];
                return estop && ChannelOk(true, v2, H.Qualities[ZoneHarness.Ch4Line2], TripLevelModel.CutAtPercent) && TripLevelClear(1, strict) && RelaysOk(2);
            }
            // The engine can only know what was fed: the last reading delivered, not the plant's value now.
            double v = FedCh4Value;
            return estop
                && ChannelOk(_everFedCh4, v, FedCh4Quality, 0.5) && now - LastFedCh4 <= StaleAfterMs && TripLevelClear(0, strict)
                && !(InhibitUntil != long.MinValue && now < InhibitUntil)
                && H.Nvr.Readable && H.Nvr.Active && LastHeartbeat != long.MinValue && now - LastHeartbeat <= 10_000
                && LastLink != long.MinValue && now - LastLink <= 30_000
                && H.Values[ZoneHarness.Dp] >= 300 && H.Values[ZoneHarness.Dp] <= 1500 && H.Values[ZoneHarness.Hopper] < 70
                && H.Airlock.Readable && !H.Airlock.Active && H.Values[ZoneHarness.Level] >= 200 && H.Values[ZoneHarness.Flow] >= 5
                && (!authorisation || H.Authorisation.Authorised) && H.Enclosure.Readable && !H.Enclosure.Active && H.Presence.Readable && H.Presence.Active
                && H.LoadSense.Readable && RelaysOk(0, 1);
        }

        public void Check(string after)
        {
            long now = H.Now;
            for (int z = 0; z < 2; z++)
            {
                // Work authorisation is a demand (outputs off, no latch, no settle): every other condition latches.
                if (!ConditionsHold(z, authorisation: false)) Latched[z] = true;
                if (!ConditionsHold(z, strict: false, authorisation: false)) ClearSince[z] = long.MinValue;
                else if (ClearSince[z] == long.MinValue)
                {
                    ClearSince[z] = now;
                }
            }
            for (int r = 0; r < 3; r++)
            {
                bool on = Relay(r).Energised;
                if (on && !WasOn[r]) OnSince[r] = now;
                WasOn[r] = on;
                int z = r < 2 ? 0 : 1;
                if (on && (Latched[z] || !ConditionsHold(z)))
                {
                    throw new Exception($"after {after}: relay{r + 1} energised while zone {z} " +
                        (Latched[z] ? "has a latched trip" : "fails a condition") + $" (engine: {H.Describe(z)})");
                }
                var zs = H.Engine.State(z);
                if (on != (zs.Permitted && !zs.Has(ConditionKind.WorkNotAuthorised)) && !Relay(r).ThrowOnWrite)
                {
                    throw new Exception($"after {after}: relay{r + 1} command differs from zone {z} state");
                }
            }
        }

        public void Reset(int z, bool remote)
        {
            var outcome = remote ? H.Engine.RequestRemoteReset(z) : H.Engine.RequestLocalReset(z);
            if (outcome == ZoneResetOutcome.Accepted)
            {
                // An accepted zone reset resets its channel's latched cut level, which it may only do
                // while the level is not active: the model's reset keeps an active latch, and the check
                // below then fails.
                Trip[z].Reset();
                if (!ConditionsHold(z, authorisation: false)) throw new Exception($"reset of zone {z} accepted while a condition fails");
                if (ClearSince[z] == long.MinValue || H.Now - ClearSince[z] < SettleMs)
                {
                    throw new Exception($"reset of zone {z} accepted before the settle time");
                }
                if (remote && z == 1) throw new Exception("remote reset accepted where the zone does not allow it");
                Latched[z] = false;
                Check("accepted reset");
                if (!H.Engine.State(z).Permitted) throw new Exception("accepted reset did not permit the zone");
                if (z == 0 && H.Authorisation.Authorised != H.Relay1.Energised) throw new Exception("accepted reset: outputs do not follow the work authorisation");
            }
            else
            {
                Check("refused reset " + outcome);
            }
        }
    }

    /// <summary>
    /// The methane cut level of AQ 1029-2019 as the test understands it, independent of the alarm
    /// engine: active at ≥ 1.5 %vol, cleared only below 1.0 %vol (hysteresis), latching: once it
    /// was active it stays latched until a reset accepted while it is not active. Bad data and
    /// an inhibit suspend it (not active) but keep the latch; judged again from the latch when
    /// good data returns (a latched level in the hysteresis band is active again).
    /// </summary>
    public sealed class TripLevelModel
    {
        public const double CutAtPercent = 1.5;
        public const double RestoreBelowPercent = 1.0;

        public bool Active { get; private set; }
        public bool Latched { get; private set; }

        public void Judge(double value, bool good, bool inhibited)
        {
            if (!good || inhibited)
            {
                Active = false;
                return;
            }
            bool restored = value < RestoreBelowPercent;
            if (Active) Active = !restored;
            else if (Latched) Active = !restored;
            else if (value >= CutAtPercent)
            {
                Active = true;
                Latched = true;
            }
        }

        public void Reset()
        {
            if (!Active) Latched = false;
        }
    }
}
