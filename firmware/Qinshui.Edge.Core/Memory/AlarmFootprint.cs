using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// Static heap of the alarm engine for a channel list, from its actual layout: the engine
    /// object and its parallel primitive arrays — per channel (flattened configuration, last
    /// reading, packed flags, inhibit), per level (thresholds, delays, packed kind/latching and
    /// status bits, two timers) — the channel id strings, the exposure windows of the channels
    /// with a STEL or TWA level (<see cref="ExposureWindow"/>: one object per window kind for all
    /// such channels, 15 + 1 and 96 + 1 buckets of a double each per channel), the transition
    /// queue (packed arrays) and the frozen-sensor check (StuckDetector: packed arrays per channel). The engine keeps no ChannelConfig or LevelConfig: those are parsed
    /// configuration, dropped after start-up. The field counts below are checked against the real
    /// types by a desktop test (reflection), so a new field fails that test.
    /// </summary>
    public sealed class AlarmFootprint : IMemoryFootprint
    {
        public const string Part = "alarms";

        // Instance fields of each type (auto-properties included), checked by MemoryBudgetTests.
        public const int AlarmEngineFields = 28;
        public const int StuckDetectorFields = 5;
        public const int ExposureWindowFields = 8;
        public const int TransitionQueueFields = 7;
        public const int AlarmTransitionFields = 8;

        /// <summary>Bytes per queue slot in TransitionQueue's parallel arrays: packed kind/from/to/level/quality, channel, value, time.</summary>
        public const int TransitionSlotBytes = 4 + 4 + 8 + 8;

        public const int StelBuckets = ExposureWindow.StelBuckets;
        public const int TwaBuckets = ExposureWindow.TwaBuckets;

        private readonly ChannelConfig[] _channels;
        private readonly int _transitionCapacity;

        public AlarmFootprint(ChannelConfig[] channels, int transitionCapacity)
        {
            _channels = channels;
            _transitionCapacity = transitionCapacity < 1 ? 1 : transitionCapacity;
        }

        /// <summary>Per-channel arrays: 5 int (info, flags, max age, max inhibit; first level has n + 1), 3 double, 5 long (calibration due, reading times, inhibit until and since), the id references.</summary>
        public static int ChannelArraysBytes(int channels)
        {
            return NanoHeapCosts.ReferenceArray(channels)
                + 4 * NanoHeapCosts.PrimitiveArray(channels, 4) + NanoHeapCosts.PrimitiveArray(channels + 1, 4)
                + 3 * NanoHeapCosts.PrimitiveArray(channels, 8)
                + 5 * NanoHeapCosts.PrimitiveArray(channels, 8);
        }

        /// <summary>Per-level arrays: threshold and restore (double), delays (int), config and state bits (byte), timer (long).</summary>
        public static int LevelArraysBytes(int levels)
        {
            return 2 * NanoHeapCosts.PrimitiveArray(levels, 8)
                + 2 * NanoHeapCosts.PrimitiveArray(levels, 4)
                + 2 * NanoHeapCosts.PrimitiveArray(levels, 1)
                + NanoHeapCosts.PrimitiveArray(levels, 8);
        }

        /// <summary>One ExposureWindow for this many channels: bucket integrals, and per channel the newest bucket, hold time, hold value and run start.</summary>
        public static int ExposureWindowBytes(int buckets, int exposureChannels)
        {
            return NanoHeapCosts.Object(ExposureWindowFields)
                + NanoHeapCosts.PrimitiveArray(exposureChannels * (buckets + 1), 8)
                + 4 * NanoHeapCosts.PrimitiveArray(exposureChannels, 8);
        }

        /// <summary>Everything exposure monitoring adds to an engine: both windows, the channel→slot map, the averages and the id hashes of the exposure checkpoint (0 without exposure channels).</summary>
        public static int ExposureBytes(int channels, int exposureChannels)
        {
            if (exposureChannels == 0) return 0;
            return ExposureWindowBytes(StelBuckets, exposureChannels) + ExposureWindowBytes(TwaBuckets, exposureChannels)
                + NanoHeapCosts.PrimitiveArray(channels, 4) + NanoHeapCosts.PrimitiveArray(2 * exposureChannels, 8)
                + NanoHeapCosts.PrimitiveArray(exposureChannels, 4);
        }

        /// <summary>The frozen-sensor diagnostic (issue 13 #2): per channel window (int), variation and reference (float), since (long), state (byte).</summary>
        public static int StuckDetectorBytes(int channels)
        {
            return NanoHeapCosts.Object(StuckDetectorFields)
                + 3 * NanoHeapCosts.PrimitiveArray(channels, 4)
                + NanoHeapCosts.PrimitiveArray(channels, 8)
                + NanoHeapCosts.PrimitiveArray(channels, 1);
        }

        /// <summary>The queue's four packed arrays (int ×2, double, long) and the queue object.</summary>
        public static int TransitionQueueBytes(int capacity)
        {
            return NanoHeapCosts.Object(TransitionQueueFields)
                + 2 * NanoHeapCosts.PrimitiveArray(capacity, 4)
                + 2 * NanoHeapCosts.PrimitiveArray(capacity, 8);
        }

        public void AddTo(MemoryBudget budget)
        {
            int n = _channels.Length;
            int levels = 0;
            int exposureChannels = 0;
            int ids = 0;
            for (int i = 0; i < n; i++)
            {
                ChannelConfig c = _channels[i];
                levels += c.Levels.Length;
                if (c.HasExposureLevels) exposureChannels++;
                // Duplicate ids are refused by validation: each id is its own string.
                ids += NanoHeapCosts.String(c.Id == null ? 0 : Utf8.ByteCount(c.Id));
            }
            budget.Add(Part, "engine and per-channel arrays (" + n + " channels)", NanoHeapCosts.Object(AlarmEngineFields) + ChannelArraysBytes(n));
            budget.Add(Part, "channel ids", ids);
            budget.Add(Part, "per-level arrays (" + levels + " levels)", LevelArraysBytes(levels));
            budget.Add(Part, "STEL/TWA windows (" + exposureChannels + " channels)", ExposureBytes(n, exposureChannels));
            budget.Add(Part, "transition queue (" + _transitionCapacity + ")", TransitionQueueBytes(_transitionCapacity));
            budget.Add(Part, "frozen-sensor check (" + n + " channels)", StuckDetectorBytes(n));
        }
    }
}
