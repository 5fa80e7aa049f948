using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// The one way a gateway configuration becomes a <see cref="GatewayConfig"/>, on the device,
    /// on the Linux host and in `qedge config validate`. The stages, in order, and where each lives
    /// (the error codes each can give: docs/configuration.md, "Stages and error codes"; a test holds
    /// that table to the sources):
    /// <list type="number">
    /// <item>parse: the bytes as JSON (Json/JsonParser; code json_invalid);</item>
    /// <item>read: every section into its typed configuration, members, types and ranges checked
    /// (Config/*Reader, Modbus/ModbusJson);</item>
    /// <item>validate core: cross-checks that hold on every target: channels and their levels
    /// (Validation/ChannelValidator), zones (Interlocks/ZoneValidator), buses and devices
    /// (Modbus/ModbusConfigValidator), welding and link supervision (GatewayConfigReader);</item>
    /// <item>validate board/host: the pins against the board's ESP32 rules (Boards/ConfigPinCheck,
    /// Esp32PinRules) and what the composition root adds (the firmware: its board binding and site);</item>
    /// <item>tighten against standards: a channel's levels may tighten its profile's, never loosen or
    /// drop one (Validation/ProfileTightening, safety principle 4). It runs per channel inside
    /// ChannelValidator, so its errors come with that channel's.</item>
    /// </list>
    /// Every stage adds every error it finds (path, code, English, Chinese); a configuration with any
    /// error is refused whole (null), never applied in part.
    /// </summary>
    public static class ConfigPipeline
    {
        /// <summary>Every stage: parse, read, validate core, tighten, then board and host.</summary>
        /// <param name="catalog">Device profiles besides those inlined in "deviceProfiles" (qedge passes hardware/devices; the device none).</param>
        /// <param name="board">The pin map to check "pins" against (null: no board check here).</param>
        /// <param name="hostCheck">The composition root's own check (null: none).</param>
        public static GatewayConfig Run(byte[] utf8, int offset, int length, ModbusDeviceProfile[] catalog, BoardPinMap board,
            ConfigContentCheck hostCheck, ValidationErrors errors)
        {
            GatewayConfig config = Read(utf8, offset, length, catalog, errors);
            if (config == null) return null;
            CheckBoardAndHost(config, board, hostCheck, errors);
            return errors.HasErrors ? null : config;
        }

        /// <summary>Parse, read, validate core and tighten against standards: what holds on every target. Null with the errors when any.</summary>
        public static GatewayConfig Read(byte[] utf8, int offset, int length, ModbusDeviceProfile[] catalog, ValidationErrors errors)
        {
            return catalog == null
                ? GatewayConfigReader.Read(utf8, offset, length, errors)
                : GatewayConfigReader.Read(utf8, offset, length, catalog, errors);
        }

        /// <summary>
        /// Parse, read, validate core and tighten for a report (`qedge config validate`): every part whose
        /// input read cleanly is cross-checked even when another part has errors, and the configuration
        /// comes back with them (never apply it then: <see cref="Read"/> is for that).
        /// </summary>
        /// <param name="boardStageSound">True when what the board/host stage reads read cleanly: run it then, whatever else failed.</param>
        public static GatewayConfig ReadForReport(byte[] utf8, int offset, int length, ModbusDeviceProfile[] catalog, ValidationErrors errors,
            out bool boardStageSound)
        {
            return GatewayConfigReader.ReadAll(utf8, offset, length, catalog == null ? new ModbusDeviceProfile[0] : catalog, errors, out boardStageSound);
        }

        /// <summary>The board/host stage on a configuration that read cleanly: adds its errors (the caller refuses on any).</summary>
        public static void CheckBoardAndHost(GatewayConfig config, BoardPinMap board, ConfigContentCheck hostCheck, ValidationErrors errors)
        {
            if (board != null) ConfigPinCheck.Validate(config, board, errors);
            if (hostCheck != null) hostCheck(config, errors);
        }
    }
}
