namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// The watchdog. The scan kicks it once per complete healthy scan; a missed deadline
    /// drops every output and reboots the device.
    /// </summary>
    public interface ISupervisor
    {
        /// <summary>Deadline in milliseconds within which the next Kick must come.</summary>
        int DeadlineMs { get; }

        void Kick();
    }
}
