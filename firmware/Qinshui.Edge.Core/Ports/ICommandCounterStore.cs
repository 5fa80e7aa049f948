namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Durable storage of the anti-replay counter (the host: state.json; the ESP32: its boot
    /// record). <see cref="Mqtt.CommandProcessor"/> calls it once a command passed every check
    /// and before the command has any effect or reply: a crash at any point then never lets the
    /// same command be accepted twice (issue 15 #1).
    /// </summary>
    public interface ICommandCounterStore
    {
        /// <summary>True once the counter is durable; false (or a throw) refuses the command as state_not_saved.</summary>
        bool SaveCounter(long counter);
    }
}
