namespace Qinshui.Edge.Core.Ports
{
    /// <summary>What a journalled record is, which decides eviction and replay order.</summary>
    public enum RecordClass
    {
        /// <summary>Readings: the oldest go first when the journal is full (counted in health).</summary>
        Data = 0,
        /// <summary>Alarm transitions: never evicted to make room for data.</summary>
        Alarm = 1,
        /// <summary>Events (zones, welding sessions, tamper, config, commands): never evicted for data.</summary>
        Event = 2,
    }

    /// <summary>
    /// Where the core puts what must reach the platform: a ready MQTT payload and its class.
    /// Implemented by the journal (store-and-forward); Append returns only once the record is
    /// durable, so "journalled before anything else happens to it" holds.
    /// </summary>
    public interface IJournalWriter
    {
        /// <summary>False when the record could not be stored (journal full of events, storage failure).</summary>
        bool Append(RecordClass recordClass, byte[] payload, int offset, int count);
    }
}
