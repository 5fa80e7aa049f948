using Qinshui.Edge.Core.Alarms;

namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// Static heap of the alarm engine for a channel list, from its actual layout: per channel a
    /// ChannelState with its boxed Reading, one LevelState per level, and — when the channel has a
    /// STEL or TWA level — both exposure windows (ExposureWindow.Stel: 15 buckets, .Twa: 96, each
    /// plus one slot, as double and long arrays); plus the transition queue (packed arrays)
    /// and the configuration objects (level arrays shared by channels of one profile counted once). The field counts below are checked
    /// against the real types by a desktop test (reflection), so a new field fails that test.
    /// </summary>
    public sealed class AlarmFootprint : IMemoryFootprint
    {
        public const string Part = "alarms";

        // Instance fields of each type (auto-properties included), checked by MemoryBudgetTests.
        public const int AlarmEngineFields = 3;
        public const int ChannelStateFields = 9;
        public const int ReadingFields = 5;
        public const int LevelStateFields = 6;
        public const int ExposureWindowFields = 9;
        public const int TransitionQueueFields = 11;
        public const int AlarmTransitionFields = 8;

        /// <summary>Bytes per queue slot in TransitionQueue's parallel arrays: kind, channel, level, from, to, value, quality, time.</summary>
        public const int TransitionSlotBytes = 1 + 4 + 4 + 1 + 1 + 8 + 4 + 8;
        public const int ChannelConfigFields = 11;
        public const int LevelConfigFields = 8;

        public const int StelBuckets = 15;
        public const int TwaBuckets = 96;

        private readonly ChannelConfig[] _channels;
        private readonly int _transitionCapacity;

        public AlarmFootprint(ChannelConfig[] channels, int transitionCapacity)
        {
            _channels = channels;
            _transitionCapacity = transitionCapacity < 1 ? 1 : transitionCapacity;
        }

        public static int ExposureWindowBytes(int buckets)
        {
            return NanoHeapCosts.Object(ExposureWindowFields)
                + NanoHeapCosts.PrimitiveArray(buckets + 1, 8)
                + NanoHeapCosts.PrimitiveArray(buckets + 1, 8);
        }

        /// <summary>The queue's eight packed arrays (byte ×3, int ×3, double, long) and the queue object.</summary>
        public static int TransitionQueueBytes(int capacity)
        {
            return NanoHeapCosts.Object(TransitionQueueFields)
                + 3 * NanoHeapCosts.PrimitiveArray(capacity, 1)
                + 3 * NanoHeapCosts.PrimitiveArray(capacity, 4)
                + 2 * NanoHeapCosts.PrimitiveArray(capacity, 8);
        }

        public void AddTo(MemoryBudget budget)
        {
            int n = _channels.Length;
            int states = NanoHeapCosts.Object(AlarmEngineFields) + NanoHeapCosts.ReferenceArray(n);
            int levels = 0;
            int exposure = 0;
            int config = NanoHeapCosts.ReferenceArray(n);
            int exposureChannels = 0;
            // Channels built from a profile share its LevelConfig array (ChannelConfig.FromProfile):
            // count each distinct array once, as the heap holds it once.
            object[] seen = new object[n];
            int seenCount = 0;
            for (int i = 0; i < n; i++)
            {
                ChannelConfig c = _channels[i];
                int l = c.Levels.Length;
                states += NanoHeapCosts.Object(ChannelStateFields) + NanoHeapCosts.BoxedStruct(ReadingFields);
                levels += NanoHeapCosts.ReferenceArray(l) + l * NanoHeapCosts.Object(LevelStateFields);
                if (c.HasExposureLevels)
                {
                    exposureChannels++;
                    exposure += ExposureWindowBytes(StelBuckets) + ExposureWindowBytes(TwaBuckets);
                }
                config += NanoHeapCosts.Object(ChannelConfigFields) + NanoHeapCosts.String(c.Id == null ? 0 : c.Id.Length);
                if (c.LevelEntryIndex != null) config += NanoHeapCosts.PrimitiveArray(c.LevelEntryIndex.Length, 4);
                bool shared = false;
                for (int j = 0; j < seenCount; j++)
                {
                    if (ReferenceEquals(seen[j], c.Levels))
                    {
                        shared = true;
                        break;
                    }
                }
                if (!shared)
                {
                    seen[seenCount++] = c.Levels;
                    config += NanoHeapCosts.ReferenceArray(l) + l * NanoHeapCosts.Object(LevelConfigFields);
                }
            }
            budget.Add(Part, "channel states (" + n + " channels)", states);
            budget.Add(Part, "level states", levels);
            budget.Add(Part, "STEL/TWA windows (" + exposureChannels + " channels)", exposure);
            budget.Add(Part, "transition queue (" + _transitionCapacity + ")", TransitionQueueBytes(_transitionCapacity));
            budget.Add(Part, "channel and level configuration", config);
        }
    }
}
