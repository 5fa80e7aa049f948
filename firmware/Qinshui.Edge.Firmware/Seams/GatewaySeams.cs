// Also compiled into the desktop tests (nullable-enabled there); this code is nullable-oblivious C# 9.
#nullable disable
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Firmware.Seams
{
    /// <summary>
    /// Where the parts written in parallel plug into the firmware. Each method is marked with
    /// the issue that replaces its body:
    /// <list type="bullet">
    /// <item>ValidateContent — #9 (configuration model and its validator, the same code as `qedge config validate`).</item>
    /// <item>BuildScan — the core's Gateway orchestrator with the Modbus master (#3) and zone engine (#4).</item>
    /// <item>BuildPump — the MQTT session and journal (#5).</item>
    /// </list>
    /// The interim bodies read only "channels": [{ "id", "profile", "input" }] and never energise an output.
    /// </summary>
    public static class GatewaySeams
    {
        public const int InterimScanPeriodMs = 1000;

        /// <summary>SEAM #9: content validation of an authentic configuration.</summary>
        public static bool ValidateContent(byte[] payload, int offset, int length, ValidationErrors errors)
        {
            JsonValue root;
            string error;
            if (!JsonParser.TryParse(payload, offset, length, out root, out error))
            {
                errors.Error("$", "json_invalid", "not valid JSON: " + error, "不是有效的 JSON：" + error);
                return false;
            }
            ChannelConfig[] channels;
            string[] inputs;
            ReadChannels(root, errors, out channels, out inputs);
            if (channels != null) ChannelValidator.Validate(channels, "$.channels", errors);
            return !errors.HasErrors;
        }

        /// <summary>SEAM (Gateway orchestrator, #3/#4): the scan to run, or null with the reason.</summary>
        public static IScanLoop BuildScan(JsonValue config, DevicePorts ports, out string whyNot)
        {
            whyNot = null;
            ValidationErrors errors = new ValidationErrors();
            ChannelConfig[] channels;
            string[] inputs;
            ReadChannels(config, errors, out channels, out inputs);
            if (channels == null || errors.HasErrors)
            {
                whyNot = errors.Count > 0 ? errors[0].ToString() : "no channels";
                return null;
            }
            IAnalogInput[] byChannel = new IAnalogInput[channels.Length];
            for (int i = 0; i < channels.Length; i++)
            {
                byChannel[i] = ports.Analog(inputs[i]);
                if (byChannel[i] == null)
                {
                    whyNot = "$.channels[" + i + "].input: the board has no analog input '" + inputs[i] + "'";
                    return null;
                }
            }
            ports.Log.Write(LogLevel.Warning, "interim scan: alarms only; the zone engine is not in this build, so no output will be energised");
            return new InterimAlarmScan(new AlarmEngine(channels, 2 * channels.Length), byChannel, ports.Clock, ports.Log, InterimScanPeriodMs);
        }

        /// <summary>SEAM #5: the MQTT session and journal pump; null until it is merged (the link then only keeps its connection and will).</summary>
        public static IPlatformPump BuildPump(JsonValue config, DevicePorts ports)
        {
            return null;
        }

        private static void ReadChannels(JsonValue root, ValidationErrors errors, out ChannelConfig[] channels, out string[] inputs)
        {
            channels = null;
            inputs = null;
            JsonValue list = root == null ? null : root.Get("channels");
            if (list == null || !list.IsArray)
            {
                errors.Error("$.channels", "channels_missing", "channels must be an array", "channels 必须是数组");
                return;
            }
            channels = new ChannelConfig[list.Count];
            inputs = new string[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                string path = "$.channels[" + i + "]";
                JsonValue c = list[i];
                string id;
                string profileId;
                string input;
                if (c == null || !c.TryGetString("id", out id) || !c.TryGetString("profile", out profileId) || !c.TryGetString("input", out input))
                {
                    errors.Error(path, "channel_incomplete", "a channel needs id, profile and input", "通道需要 id、profile 和 input");
                    continue;
                }
                AlarmProfile p = ProfileCatalog.Find(profileId);
                if (p == null)
                {
                    errors.Error(path + ".profile", "unknown_profile", "unknown alarm profile '" + profileId + "'", "未知报警配置 '" + profileId + "'");
                    continue;
                }
                channels[i] = ChannelConfig.FromProfile(id, p);
                inputs[i] = input;
            }
            for (int i = 0; i < channels.Length; i++)
            {
                if (channels[i] == null)
                {
                    channels = null;
                    return;
                }
            }
        }
    }
}
