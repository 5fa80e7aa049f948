// Also compiled into the desktop tests (nullable-enabled there); this code is nullable-oblivious C# 9.
#nullable disable
namespace Qinshui.Edge.Firmware.Seams
{
    /// <summary>
    /// SEAM for the MQTT session and journal drain (issue #5): birth on a new session, replay of
    /// journalled records, commands. Called from the pump thread, never from the scan.
    /// </summary>
    public interface IPlatformPump
    {
        void Pump(long nowMs, bool newSession);
    }
}
