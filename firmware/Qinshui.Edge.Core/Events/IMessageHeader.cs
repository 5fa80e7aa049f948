using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Events
{
    /// <summary>
    /// The common header every MQTT message starts with (docs/mqtt.md): {"v":1,"boot":"8 hex","seq":n,"ts":utcMs}.
    /// One sequence counter per boot over all kinds, so an event takes its number from the same counter
    /// as data, alarms and live messages and the platform can check one sequence (issue 16 #5).
    /// </summary>
    public interface IMessageHeader
    {
        /// <summary>Writes "v", "boot", the next "seq" and "ts" into an object already started.</summary>
        void WriteHeader(JsonWriter w, long utcMs);

        /// <summary>Gives back the number just taken: the message was not journalled or sent (no false gap).</summary>
        void ReleaseLastSequence();

        /// <summary>Numbers up to lastUsed were taken by messages written before this header was attached.</summary>
        void SkipTo(long lastUsed);
    }
}
