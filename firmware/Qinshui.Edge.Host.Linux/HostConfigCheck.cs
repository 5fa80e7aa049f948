using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// The Linux host's board/host stage of ConfigPipeline for a configuration pushed over MQTT: the
/// same board and pin rules `qedge run` applies when it restarts on it (ConfigFiles.Check), so a
/// push the restart would refuse is refused before the reply, with its reason (issue 15 #5).
/// With <see cref="For"/>, also the presence of every device file it names (HostDevicePresence).
/// Not here: whether this machine's serial ports, gpiochip lines, ADS1115s and card readers
/// answer — they are held by the running configuration and only probed at the restart, which rolls
/// back to the previous configuration when one does not.
/// </summary>
public static class HostConfigCheck
{
    /// <summary>The whole host stage as GatewayHost installs it: board and pins, then the devices on this machine.</summary>
    public static ConfigContentCheck For(int gpioChip, Func<string, bool> deviceExists) => (config, errors) =>
    {
        Check(config, errors);
        HostDevicePresence.Check(config, gpioChip, deviceExists, errors);
    };

    public static void Check(GatewayConfig config, ValidationErrors errors)
    {
        if (config.Board.Length == 0) return; // pins are only checked against a named board (as ConfigFiles.Check does)
        var board = HardwareCatalog.Board(config.Board, errors);
        ConfigPipeline.CheckBoardAndHost(config, board, null, errors);
    }
}
