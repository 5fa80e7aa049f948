namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// Figures declared on behalf of parts written in parallel (Modbus master, journal, MQTT
    /// session, zone engine) from their planned buffer sizes, marked provisional in the budget.
    /// Each is to be replaced by the part's own <see cref="IMemoryFootprint"/> once it exists;
    /// the sizes here are the budget those parts are asked to stay within.
    /// </summary>
    public static class PlannedFootprints
    {
        /// <summary>Modbus RTU: one request and one response frame (256 bytes max, Modbus serial line spec §2.5.1) plus per-device state.</summary>
        public static void AddModbus(MemoryBudget budget, int devices)
        {
            budget.AddProvisional("modbus", "request + response frames (2 × 256 B)", 2 * NanoHeapCosts.PrimitiveArray(256, 1));
            budget.AddProvisional("modbus", "device poll state (" + devices + ")", devices * NanoHeapCosts.Object(12) + NanoHeapCosts.ReferenceArray(devices));
        }

        /// <summary>MQTT: a payload being built, one in flight, a topic buffer and a command receive buffer.</summary>
        public static void AddMqtt(MemoryBudget budget, int payloadBytes, int commandBytes)
        {
            budget.AddProvisional("mqtt", "payload buffers (2 × " + payloadBytes + " B)", 2 * NanoHeapCosts.PrimitiveArray(payloadBytes, 1));
            budget.AddProvisional("mqtt", "topic buffers (2 × 128 B)", 2 * NanoHeapCosts.PrimitiveArray(128, 1));
            budget.AddProvisional("mqtt", "command buffer (" + commandBytes + " B)", NanoHeapCosts.PrimitiveArray(commandBytes, 1));
        }

        /// <summary>Journal: one record assembly buffer and one read-back buffer (records are written straight to the store, not a whole segment).</summary>
        public static void AddJournal(MemoryBudget budget, int recordBufferBytes)
        {
            budget.AddProvisional("journal", "record buffers (2 × " + recordBufferBytes + " B)", 2 * NanoHeapCosts.PrimitiveArray(recordBufferBytes, 1));
            budget.AddProvisional("journal", "event hash chain (SHA-256 state + digests)", NanoHeapCosts.Object(8) + NanoHeapCosts.PrimitiveArray(64, 1) + 2 * NanoHeapCosts.PrimitiveArray(32, 1));
        }

        /// <summary>Zones: state per zone, condition list and output/feedback state.</summary>
        public static void AddZones(MemoryBudget budget, int zones, int conditionsPerZone, int outputs)
        {
            budget.AddProvisional("zones", "zone states (" + zones + ")", zones * (NanoHeapCosts.Object(12) + NanoHeapCosts.ReferenceArray(conditionsPerZone) + conditionsPerZone * NanoHeapCosts.Object(6)));
            budget.AddProvisional("zones", "outputs with feedback (" + outputs + ")", outputs * NanoHeapCosts.Object(8));
        }
    }
}
