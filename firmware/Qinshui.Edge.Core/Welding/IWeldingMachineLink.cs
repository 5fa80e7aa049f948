using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// What the gateway reads from a chip-coded welding machine (over Modbus: identity code as
    /// ASCII registers, model, state, arc current, voltage). Implemented by the Modbus poller's
    /// device binding on the gateway and by the plant model in the simulator.
    /// </summary>
    public interface IWeldingMachineLink
    {
        /// <summary>Latest identity code read from the machine's chip; false when unreadable or stale.</summary>
        bool TryGetIdentity(out string code, out string model);

        /// <summary>Latest arc current; quality says whether it may be trusted.</summary>
        double ArcCurrentAmps { get; }

        Quality ArcCurrentQuality { get; }
    }
}
