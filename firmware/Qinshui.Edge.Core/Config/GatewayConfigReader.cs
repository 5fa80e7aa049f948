using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Parses and validates a gateway configuration — the same code on the device and in qedge.
    /// Returns null with every error (path, code, English, Chinese) when anything is wrong: a
    /// configuration is applied whole or not at all, never half.
    /// </summary>
    public static class GatewayConfigReader
    {
        private static readonly string[] s_topMembers =
        {
            "$schema", "schemaVersion", "site", "gateway", "board", "mqtt", "deviceProfiles", "buses", "analogInputs", "cardReaders",
            "channels", "interlocks", "welding", "pins", "linuxHost",
        };
        private static readonly string[] s_mqttMembers = { "enabled", "broker", "requireTls", "username", "dataBatchIntervalMs", "healthIntervalMs", "dataEncoding" };
        private static readonly string[] s_sourceMembers = { "bus", "device", "point", "analog" };

        public static GatewayConfig Read(byte[] utf8, int offset, int length, ValidationErrors errors)
        {
            return Read(utf8, offset, length, new ModbusDeviceProfile[0], errors);
        }

        /// <param name="catalog">Device profiles available besides those inlined in "deviceProfiles" (qedge passes hardware/devices).</param>
        public static GatewayConfig Read(byte[] utf8, int offset, int length, ModbusDeviceProfile[] catalog, ValidationErrors errors)
        {
            bool boardStageSound;
            GatewayConfig config = ReadAll(utf8, offset, length, catalog, errors, out boardStageSound);
            return errors.HasErrors ? null : config;
        }

        /// <summary>
        /// Reads every section and cross-checks every part whose input read cleanly, so one run reports
        /// every independent mistake (issue 18). Returns the configuration even with errors (null only
        /// when the bytes are not a JSON object): callers that apply it use <see cref="Read"/>.
        /// </summary>
        /// <param name="boardStageSound">True when what the board/host stage reads (board, buses, analog inputs,
        /// card readers, pins, interlocks, welding) read without an error, so its checks mean something.</param>
        public static GatewayConfig ReadAll(byte[] utf8, int offset, int length, ModbusDeviceProfile[] catalog, ValidationErrors errors, out bool boardStageSound)
        {
            boardStageSound = false;
            JsonValue root;
            string reason;
            int errorAt;
            if (!JsonParser.TryParse(utf8, offset, length, JsonParser.DefaultMaxDepth, out root, out reason, out errorAt))
            {
                int line = 0, column = 0;
                if (errorAt >= 0) JsonParser.LineColumn(utf8, offset, errorAt, out line, out column);
                string where = errorAt < 0 ? "" : "line " + line + ", column " + column + " (byte " + (errorAt - offset) + "): ";
                string whereZh = errorAt < 0 ? "" : "第 " + line + " 行第 " + column + " 列（字节 " + (errorAt - offset) + "）：";
                errors.Error("", "json_invalid", "not valid JSON: " + where + reason, "不是有效的 JSON：" + whereZh + reason);
                return null;
            }
            ConfigReader r = new ConfigReader(errors);
            if (!r.ExpectObject(root, "")) return null;
            r.RejectUnknown(root, "", s_topMembers);

            int version = r.Int(root, "schemaVersion", "", true, 0, 1, 1000);
            if (version != 0 && version != GatewayConfig.SchemaVersion)
            {
                errors.Error("schemaVersion", "schema_version",
                    "schemaVersion " + version + " is not supported by this firmware (supports " + GatewayConfig.SchemaVersion + ")",
                    "此固件不支持 schemaVersion " + version + "（支持 " + GatewayConfig.SchemaVersion + "）");
            }

            string siteId, siteName, gatewayId, gatewayName;
            ReadIdentity(root, "site", r, out siteId, out siteName);
            ReadIdentity(root, "gateway", r, out gatewayId, out gatewayName);

            // One slot per channel of the file (null where it did not read): the others are still
            // cross-checked with paths that match the file, and sections naming none of the refused
            // channels still are too.
            JsonValue channelsJson = r.Array(root, "channels", "", true);
            ChannelConfig[] slots = ChannelConfigReader.ReadSlots(channelsJson, "channels", r);
            ChannelConfig[] channels = ChannelConfigReader.Present(slots);
            string[] unread = UnreadChannels.Ids(root, channelsJson, slots);
            ChannelValidator.Validate(slots, "channels", errors, true);

            GatewayConfig config = new GatewayConfig(siteId, siteName, gatewayId, gatewayName, channels);
            int mark = errors.Count;
            config.Board = r.String(root, "board", "", false, "");
            int boardErrors = errors.ErrorsSince(mark);
            ReadMqtt(root, config, r);
            mark = errors.Count;
            ReadBuses(root, catalog, config, r);
            config.AnalogInputIds = IdList(root, "analogInputs", r);
            config.CardReaderIds = IdList(root, "cardReaders", r);
            boardErrors += errors.ErrorsSince(mark);
            config.LinuxHost = LinuxHostConfigReader.Read(root.Get("linuxHost"), "linuxHost", config, r);
            mark = errors.Count;
            ReadPins(root, config, r);
            boardErrors += errors.ErrorsSince(mark);
            ReadSources(channelsJson, slots, config, r);

            int imark = errors.Count;
            JsonValue interlocksJson = r.Object(root, "interlocks", "", false);
            InterlockConfig interlocks = InterlockConfigReader.Read(interlocksJson, "interlocks", r);
            if (interlocks != null) config.Interlocks = interlocks;
            int interlockErrors = errors.ErrorsSince(imark);
            if (interlockErrors == 0 && UnreadChannels.Sound(unread, interlocksJson)) CheckZones(config, errors);
            mark = errors.Count;
            JsonValue weldingJson = r.Object(root, "welding", "", false);
            config.Welding = WeldingConfigReader.Read(weldingJson, "welding", config, r);
            boardErrors += interlockErrors + errors.ErrorsSince(mark);
            if (UnreadChannels.Sound(unread, weldingJson) && UnreadChannels.Sound(unread, interlocksJson)) WeldingCrossCheck.Check(config, r);

            boardStageSound = boardErrors == 0;
            if (!errors.HasErrors) config.Hash = HashHex(utf8, offset, length);
            return config;
        }

        private static void ReadIdentity(JsonValue root, string key, ConfigReader r, out string id, out string name)
        {
            id = null;
            name = null;
            JsonValue v = r.Object(root, key, "", true);
            if (v == null) return;
            r.RejectUnknown(v, key, new[] { "id", "name" });
            id = r.TopicId(v, "id", key);
            name = r.String(v, "name", key, false, "");
        }

        private static void CheckZones(GatewayConfig config, ValidationErrors errors)
        {
            ZoneValidator.Validate(config.Interlocks, config.Channels, "interlocks", errors);
            if (config.Mqtt.Enabled) return;
            for (int z = 0; z < config.Interlocks.Zones.Length; z++)
            {
                if (config.Interlocks.Zones[z].PlatformLinkGraceMs > 0)
                    errors.Error("interlocks.zones[" + z + "].platformLinkGraceMs", "link_supervised_without_mqtt",
                        "the zone supervises the platform link but mqtt.enabled is false: set platformLinkGraceMs to 0 for a site without network",
                        "区域监视平台链路，但 mqtt.enabled 为 false：无网络现场请将 platformLinkGraceMs 设为 0");
            }
        }

        private static void ReadMqtt(JsonValue root, GatewayConfig config, ConfigReader r)
        {
            JsonValue m = r.Object(root, "mqtt", "", false);
            if (m == null) return;
            r.RejectUnknown(m, "mqtt", s_mqttMembers);
            MqttSettings s = config.Mqtt;
            s.Enabled = r.Bool(m, "enabled", "mqtt", false, true);
            s.BrokerUrl = r.String(m, "broker", "mqtt", false, "");
            s.RequireTls = r.Bool(m, "requireTls", "mqtt", false, false);
            s.Username = r.String(m, "username", "mqtt", false, null);
            s.DataBatchIntervalMs = r.Int(m, "dataBatchIntervalMs", "mqtt", false, s.DataBatchIntervalMs, 100, 3600000);
            s.HealthIntervalMs = r.Int(m, "healthIntervalMs", "mqtt", false, s.HealthIntervalMs, 1000, 3600000);
            string encoding = r.String(m, "dataEncoding", "mqtt", false, "compact");
            if (encoding == "json") s.CompactData = false;
            else if (encoding == "compact") s.CompactData = true;
            else r.Errors.Error("mqtt.dataEncoding", "data_encoding", "dataEncoding must be \"compact\" or \"json\", not '" + encoding + "'",
                "dataEncoding 必须是 \"compact\" 或 \"json\"，不能是 '" + encoding + "'");
            string url = s.BrokerUrl;
            if (url.Length > 0 && !StartsWith(url, "mqtt://") && !StartsWith(url, "mqtts://"))
            {
                r.Errors.Error("mqtt.broker", "broker_url", "broker must be mqtt://host:port or mqtts://host:port", "broker 必须是 mqtt://主机:端口 或 mqtts://主机:端口");
            }
            if (s.RequireTls && !StartsWith(url, "mqtts://"))
            {
                r.Errors.Error("mqtt.broker", "tls_required",
                    "this site requires TLS: the broker must be mqtts:// (port 8883), not '" + url + "'",
                    "本现场要求 TLS：broker 必须是 mqtts://（8883 端口），而不是 '" + url + "'");
            }
        }

        /// <summary>
        /// "pins": { "&lt;id&gt;": "&lt;board role&gt;" | &lt;gpio&gt; } — which board pin each output, input, analog
        /// input and card reader uses. Checked against the board's ESP32 rules by Boards.ConfigPinCheck.
        /// </summary>
        private static void ReadPins(JsonValue root, GatewayConfig config, ConfigReader r)
        {
            JsonValue pins = r.Object(root, "pins", "", false);
            if (pins == null) return;
            config.PinIds = new string[pins.Count];
            config.PinRoles = new string[pins.Count];
            config.PinGpios = new int[pins.Count];
            for (int i = 0; i < pins.Count; i++)
            {
                string id = pins.KeyAt(i);
                JsonValue v = pins[i];
                string p = "pins." + id;
                config.PinIds[i] = id;
                config.PinGpios[i] = -1;
                if (!ConfigReader.IsValidId(id)) r.Errors.Error(p, "id_invalid", "'" + id + "' is not a valid id", "'" + id + "' 不是有效的 id");
                if (v.Kind == JsonKind.String) config.PinRoles[i] = v.Text;
                else if (v.Kind == JsonKind.Number && v.Number == (double)(int)v.Number && v.Number >= 0 && v.Number <= 39) config.PinGpios[i] = (int)v.Number;
                else r.Errors.Error(p, "type", "must be a board pin role (\"relay1\") or a GPIO number 0–39", "必须是板卡引脚角色（\"relay1\"）或 GPIO 编号 0–39");
            }
        }

        private static void ReadBuses(JsonValue root, ModbusDeviceProfile[] catalog, GatewayConfig config, ConfigReader r)
        {
            ModbusDeviceProfile[] all = catalog;
            JsonValue inline = r.Array(root, "deviceProfiles", "", false);
            if (inline != null)
            {
                all = new ModbusDeviceProfile[catalog.Length + inline.Count];
                int n = 0;
                for (int i = 0; i < inline.Count; i++)
                {
                    ModbusDeviceProfile p = ModbusJson.ReadProfile(inline[i], "deviceProfiles[" + i + "]", r.Errors);
                    if (p != null) all[n++] = p;
                }
                // Inline profiles take precedence over the catalogue's profile of the same id.
                for (int i = 0; i < catalog.Length; i++)
                {
                    bool overridden = false;
                    for (int k = 0; k < n; k++) overridden |= all[k].Id == catalog[i].Id;
                    if (!overridden) all[n++] = catalog[i];
                }
                ModbusDeviceProfile[] trimmed = new ModbusDeviceProfile[n];
                System.Array.Copy(all, trimmed, n);
                all = trimmed;
            }
            JsonValue buses = r.Array(root, "buses", "", false);
            if (buses == null) return;
            config.Buses = new ModbusBusConfig[buses.Count];
            config.BusIds = new string[buses.Count];
            config.BusPorts = new string[buses.Count];
            for (int i = 0; i < buses.Count; i++)
            {
                string p = "buses[" + i + "]";
                JsonValue b = buses[i];
                if (!r.ExpectObject(b, p)) continue;
                config.BusIds[i] = r.Id(b, "id", p);
                config.BusPorts[i] = r.String(b, "port", p, false, "");
                for (int k = 0; k < i; k++)
                {
                    if (config.BusIds[k] != null && config.BusIds[k] == config.BusIds[i])
                        r.Errors.Error(p + ".id", "duplicate_id", "bus id '" + config.BusIds[i] + "' is already used by buses[" + k + "]", "总线 id '" + config.BusIds[i] + "' 已被 buses[" + k + "] 使用");
                }
                config.Buses[i] = ModbusJson.ReadBus(b, all, p, r.Errors);
            }
        }

        /// <summary>Each read channel's source (a channel that did not read is skipped: its index in config.Channels is that of the read ones).</summary>
        private static void ReadSources(JsonValue channelsJson, ChannelConfig[] slots, GatewayConfig config, ConfigReader r)
        {
            if (channelsJson == null) return;
            int c = -1;
            for (int f = 0; f < channelsJson.Count && f < slots.Length; f++)
            {
                if (slots[f] == null) continue;
                c++;
                int i = c;
                string p = "channels[" + f + "].source";
                JsonValue s = channelsJson[f].Get("source");
                if (s == null) continue;
                if (!r.ExpectObject(s, p)) continue;
                r.RejectUnknown(s, p, s_sourceMembers);
                string analog = r.String(s, "analog", p, false, null);
                if (analog != null)
                {
                    int a = IndexOf(config.AnalogInputIds, analog);
                    if (a < 0)
                        r.Errors.Error(p + ".analog", "unknown_input", "no analog input '" + analog + "' in analogInputs", "analogInputs 中没有模拟输入 '" + analog + "'");
                    else config.SetAnalogSource(i, a);
                }
                else
                {
                    string bus = r.String(s, "bus", p, true, null);
                    string deviceName = r.String(s, "device", p, true, null);
                    string pointId = r.String(s, "point", p, true, null);
                    int busIndex = bus == null ? -1 : config.IndexOfBus(bus);
                    int device = -1, point = -1;
                    if (bus != null && busIndex < 0)
                        r.Errors.Error(p + ".bus", "unknown_bus", "no bus '" + bus + "'", "没有总线 '" + bus + "'");
                    else if (busIndex >= 0 && config.Buses[busIndex] != null && !FindPoint(config.Buses[busIndex], deviceName, pointId, out device, out point))
                        r.Errors.Error(p, "unknown_point",
                            "bus '" + bus + "' has no device '" + deviceName + "' with a point '" + pointId + "'",
                            "总线 '" + bus + "' 上没有设备 '" + deviceName + "' 的测点 '" + pointId + "'");
                    else if (busIndex >= 0 && config.Buses[busIndex] != null && !config.SetModbusSource(i, busIndex, device, point))
                        r.Errors.Error(p, "source_out_of_range",
                            "a source can name at most bus " + GatewayConfig.MaxSourceBus + ", device " + GatewayConfig.MaxSourceDevice + " of a bus and point " + GatewayConfig.MaxSourcePoint + " of a device",
                            "测点来源最多可引用第 " + GatewayConfig.MaxSourceBus + " 条总线、总线上第 " + GatewayConfig.MaxSourceDevice + " 台设备、设备第 " + GatewayConfig.MaxSourcePoint + " 个测点");
                }
            }
        }

        private static bool FindPoint(ModbusBusConfig bus, string deviceName, string pointId, out int device, out int point)
        {
            device = -1;
            point = -1;
            if (bus.Devices == null) return false;
            for (int d = 0; d < bus.Devices.Length; d++)
            {
                ModbusDeviceConfig dc = bus.Devices[d];
                if (dc == null || dc.Name != deviceName || dc.Profile == null) continue;
                for (int k = 0; k < dc.Profile.Points.Length; k++)
                {
                    if (dc.Profile.Points[k] != null && dc.Profile.Points[k].Id == pointId)
                    {
                        device = d;
                        point = k;
                        return true;
                    }
                }
            }
            return false;
        }

        private static string[] IdList(JsonValue root, string key, ConfigReader r)
        {
            string[] ids = InterlockConfigReader.Strings(root, key, "", r);
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] == null) continue;
                if (!ConfigReader.IsValidId(ids[i])) r.Errors.Error(key + "[" + i + "]", "id_invalid", "'" + ids[i] + "' is not a valid id", "'" + ids[i] + "' 不是有效的 id");
                for (int k = 0; k < i; k++)
                {
                    if (ids[k] == ids[i]) r.Errors.Error(key + "[" + i + "]", "duplicate_id", "'" + ids[i] + "' is listed twice", "'" + ids[i] + "' 重复");
                }
            }
            return ids;
        }

        private static int IndexOf(string[] list, string s)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return i;
            }
            return -1;
        }

        private static bool StartsWith(string s, string prefix)
        {
            if (s == null || s.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (s[i] != prefix[i]) return false;
            }
            return true;
        }

        public static string HashHex(byte[] data, int offset, int length)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, length);
            byte[] d = new byte[Sha256.DigestSize];
            sha.Final(d, 0);
            return Util.Hex.Encode(d, 0, d.Length);
        }
    }
}
