namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// A part of the core that reports the static heap it allocates at start-up for a given
    /// configuration (buffers, state objects). Each part adds its own lines so the budget stays
    /// right when the part changes: AlarmFootprint does this for the alarm engine. The whole
    /// runtime (Modbus, journal, MQTT, zones, welding) is measured from its built object graph
    /// by the desktop tests (docs/memory.md).
    /// </summary>
    public interface IMemoryFootprint
    {
        void AddTo(MemoryBudget budget);
    }
}
