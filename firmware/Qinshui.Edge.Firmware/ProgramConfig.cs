using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Runtime.Native;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Firmware.Adapters;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// The configuration on the device: the board map and key read from I:\qe, a configuration
    /// accepted over MQTT checked against the board and stored as the candidate, the last good one
    /// kept, and what was chosen at boot reported.
    /// </summary>
    public static partial class Program
    {
        /// <summary>
        /// update_config accepted by the runtime (MAC, counter, GatewayConfigReader): check the board can carry
        /// it, then store it as the candidate in exactly the signed form qedge writes. False when not stored.
        /// </summary>
        private static bool StorePendingConfig()
        {
            byte[] body = s_runtime.PendingConfig;
            long counter = s_runtime.PendingConfigCounter;
            if (counter <= s_runningConfigCounter)
            {
                s_log.Write(LogLevel.Error, "config: pushed configuration (counter " + counter + ") is not newer than the running one (" + s_runningConfigCounter + "); ignored");
                return false;
            }
            ValidationErrors errors = new ValidationErrors();
            GatewayConfig candidate = ConfigPipeline.Run(body, 0, body.Length, null, null, HostCheck, errors);
            if (candidate == null || errors.HasErrors)
            {
                s_log.Write(LogLevel.Error, "config: pushed configuration (counter " + counter + ") cannot run on this board; the running one stays:");
                for (int i = 0; i < errors.Count; i++) s_log.Write(LogLevel.Error, "  " + errors[i].ToString());
                return false;
            }
            byte[] envelope = SignedEnvelope.Sign("config", body, s_identity.Gateway, counter, s_runtime.PendingConfigIssuedUtcMs, s_key);
            if (!FlashFiles.WriteAll(CandidatePath, envelope) || !FlashFiles.Holds(CandidatePath, envelope))
            {
                s_log.Write(LogLevel.Error, "config: could not store the pushed configuration; the running one stays");
                return false;
            }
            s_log.Write(LogLevel.Warning, "config: configuration " + candidate.Hash + " (counter " + counter + ") stored; restarting in " + ConfigRebootDelayMs + " ms");
            return true;
        }

        /// <summary>The candidate verified: copy it over the last good one, read it back, then remove the candidate.</summary>
        private static void KeepAsLastGood(ConfigSelection selection)
        {
            if (FlashFiles.WriteAll(LastGoodPath, selection.Envelope) && FlashFiles.Holds(LastGoodPath, selection.Envelope))
            {
                FlashFiles.Delete(CandidatePath);
                s_bootRecord.LastConfigCounter = selection.Counter;
                if (!s_bootStore.Save(s_bootRecord)) s_log.Write(LogLevel.Error, "boot state: could not record the configuration counter");
            }
            else
            {
                // The candidate stays and is verified again at the next boot; the old last good file is still readable.
                s_log.Write(LogLevel.Warning, "config: could not keep a copy as last good configuration");
            }
        }

        /// <summary>The device's own checks: the configuration names this board and every id is one of its pins; same site as provisioned.</summary>
        private static void HostCheck(GatewayConfig config, ValidationErrors errors)
        {
            BoardBinding.Check(config, s_board, errors);
            if (config.SiteId != s_identity.Site)
            {
                errors.Error("site.id", "wrong_site", "the configuration is for site '" + config.SiteId + "', this gateway belongs to '" + s_identity.Site + "'",
                    "该配置属于现场 '" + config.SiteId + "'，本网关属于 '" + s_identity.Site + "'");
            }
        }

        private static BoardPinMap LoadBoard(ValidationErrors errors)
        {
            byte[] b = FlashFiles.ReadAll(BoardPath);
            if (b == null)
            {
                errors.Error("board.json", "board_missing", "I:\\qe\\board.json is missing", "缺少 I:\\qe\\board.json");
                return null;
            }
            BoardPinMap board;
            return BoardLoader.TryLoad(b, 0, b.Length, "board", errors, out board) ? board : null;
        }

        /// <summary>The gateway key: hex text (the same file `qedge config sign --key @gateway.key` reads), at least 16 bytes.</summary>
        private static byte[] LoadKey()
        {
            byte[] text = FlashFiles.ReadAll(KeyPath);
            if (text == null) return null;
            string hex = Utf8.Decode(text, 0, text.Length).Trim();
            byte[] key = Hex.Decode(hex);
            return key == null || key.Length < 16 ? null : key;
        }

        /// <summary>What the gateway will run with, on the serial log.</summary>
        private static void PrintBoard(BoardPinMap board, ValidationErrors errors)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                s_log.Write(errors[i].IsWarning ? LogLevel.Warning : LogLevel.Error, "board: " + errors[i].ToString());
            }
            if (board == null) return;
            s_log.Write(LogLevel.Info, "board " + board.Id + " (" + (board.Module == Esp32Module.Wrover ? "WROVER" : "WROOM")
                + (board.UsesWifi ? ", wifi" : "") + (board.HasEthernet ? ", ethernet" : "") + ", RS-485 on " + board.Rs485Port
                + (board.LogPort.Length > 0 ? ", log on " + board.LogPort + " 115200 8N1" : "") + ")");
            for (int i = 0; i < board.Pins.Length; i++)
            {
                PinAssignment p = board.Pins[i];
                s_log.Write(LogLevel.Info, "  GPIO" + p.Gpio + " " + p.Role + " " + PinFunctions.Name(p.Function));
            }
        }

        private static void ReportSelection(ConfigSelection s)
        {
            if (s.Source == ConfigSource.Candidate)
            {
                s_log.Write(LogLevel.Info, "config: new configuration (counter " + s.Counter + ") verified with the gateway key, valid for this board; kept as last good");
                return;
            }
            if (s.CandidateCheck != ConfigCheck.Missing)
            {
                s_log.Write(LogLevel.Error, "config: new configuration refused: " + ConfigCheckText.Code(s.CandidateCheck) + ": " + ConfigCheckText.English(s.CandidateCheck));
                for (int i = 0; i < s.CandidateErrors.Count; i++) s_log.Write(LogLevel.Error, "  " + s.CandidateErrors[i].ToString());
            }
            if (s.Source == ConfigSource.LastGood)
            {
                s_log.Write(LogLevel.Warning, "config: running the last good configuration (counter " + s.Counter + ")");
                return;
            }
            s_log.Write(LogLevel.Error, "config: no usable configuration: " + ConfigCheckText.Code(s.LastGoodCheck) + ": " + ConfigCheckText.English(s.LastGoodCheck));
            for (int i = 0; i < s.LastGoodErrors.Count; i++) s_log.Write(LogLevel.Error, "  " + s.LastGoodErrors[i].ToString());
        }
    }
}
