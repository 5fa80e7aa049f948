namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// The MQTT session as the core sees it. Publishing never blocks the scan: the adapter
    /// queues and reports acknowledgements through <see cref="TryTakeAcknowledged"/>.
    /// </summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>
        /// Starts a QoS 1 publish; returns a token (>0) used to match the PUBACK, or 0 if it could not be queued.
        /// Contract: the adapter copies payload[offset .. offset+count) before it returns and never reads the
        /// array afterwards — the core writes the next message into the same buffer at once (one payload
        /// buffer for every message, docs/memory.md). Checked for the desktop adapters by LinkContractTests.
        /// </summary>
        int Publish(string topic, byte[] payload, int offset, int count, bool retain);

        /// <summary>Returns the token of one publish the broker acknowledged since the last call.</summary>
        bool TryTakeAcknowledged(out int token);

        /// <summary>Copies one received command message into the buffers; false when none is waiting.</summary>
        bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength);
    }
}
