using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>The anti-replay counter: when a command may consume it (docs/mqtt.md, "Counter window").</summary>
    public sealed partial class CommandProcessor
    {
        /// <summary>
        /// How far above the last accepted counter a command's counter may lie (2^42). A command
        /// further ahead is refused (<see cref="CommandReasons.CounterTooFar"/>) without consuming
        /// its counter, so one mis-signed command near 2^53−1 cannot lock every later command out.
        /// 2^42 ≈ 4.4·10^12 admits a UTC-millisecond counter (the platform's and `qedge config push`'s
        /// choice) on a gateway whose last counter is 0 until the year 2109, and leaves 2,048 such
        /// steps below 2^53−1.
        /// </summary>
        public const long MaxCounterStep = 1L << 42;

        /// <summary>
        /// Called once a command passed every check (MAC, shape, gateway, counter window, expiry,
        /// clock trust) and before any effect: only such a command advances the counter. An
        /// authenticated command refused later by its handler (unknown zone, cause persists) has
        /// still consumed its counter: it is never run later by replay.
        /// </summary>
        private bool Consume(long counter, CommandResult result)
        {
            // Durable before any effect: a crash after this point has consumed the counter, one
            // before it has done nothing (the platform sends again with a new counter).
            if (CounterStore != null && !CounterStore.SaveCounter(counter))
            {
                result.Refuse(CommandReasons.StateNotSaved);
                return false;
            }
            _lastCounter = counter;
            return true;
        }

        /// <summary>Where the counter is saved before a command takes effect; null: kept in memory only (the caller persists it).</summary>
        public ICommandCounterStore CounterStore { get; set; }
    }
}
