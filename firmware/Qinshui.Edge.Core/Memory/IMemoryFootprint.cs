namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// A part of the core that reports the static heap it allocates at start-up for a given
    /// configuration (buffers, state objects). Each part adds its own lines so the budget stays
    /// right when the part changes: AlarmFootprint does this for the alarm engine; the Modbus
    /// master, journal, MQTT session and zone engine report theirs through this interface.
    /// </summary>
    public interface IMemoryFootprint
    {
        void AddTo(MemoryBudget budget);
    }
}
