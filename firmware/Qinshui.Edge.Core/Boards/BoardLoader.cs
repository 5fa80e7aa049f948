using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// Reads a board file (hardware/boards/*.json) into a <see cref="BoardPinMap"/>: structure
    /// errors first, then the ESP32 pin rules. Unknown members are refused (a typo in a pin map
    /// must not pass silently); "note" members carry wiring remarks and are ignored.
    /// Runs at start-up only: parsing allocates.
    /// </summary>
    public static class BoardLoader
    {
        private static readonly string[] s_boardKeys = { "id", "name", "module", "wifi", "ethernet", "rs485Port", "logPort", "shuntOhms", "pins", "note" };
        private static readonly string[] s_pinKeys = { "role", "gpio", "function", "note" };

        /// <summary>
        /// Parses and validates; board is set whenever the structure could be read (even with
        /// pin-rule errors, so a tool can show it). Returns true only without errors.
        /// </summary>
        public static bool TryLoad(byte[] utf8, int offset, int length, string basePath, ValidationErrors errors, out BoardPinMap board)
        {
            board = null;
            JsonValue root;
            string parseError;
            if (!JsonParser.TryParse(utf8, offset, length, out root, out parseError))
            {
                errors.Error(basePath, "json_invalid", "not valid JSON: " + parseError, "不是有效的 JSON：" + parseError);
                return false;
            }
            return TryRead(root, basePath, errors, out board);
        }

        public static bool TryRead(JsonValue root, string basePath, ValidationErrors errors, out BoardPinMap board)
        {
            board = null;
            int before = errors.ErrorsSince(0);
            if (root == null || !root.IsObject)
            {
                errors.Error(basePath, "not_an_object", "a board file is a JSON object", "板卡文件应为 JSON 对象");
                return false;
            }
            RefuseUnknown(root, s_boardKeys, basePath, errors);

            string id = RequiredString(root, "id", basePath, errors);
            string name;
            if (!root.TryGetString("name", out name)) name = id;

            Esp32Module module = Esp32Module.Wroom;
            string moduleText = RequiredString(root, "module", basePath, errors);
            if (moduleText != null)
            {
                if (moduleText == "wroom") module = Esp32Module.Wroom;
                else if (moduleText == "wrover") module = Esp32Module.Wrover;
                else errors.Error(basePath + ".module", "module_unknown", "module must be 'wroom' or 'wrover'", "module 必须是 'wroom' 或 'wrover'");
            }

            bool wifi = OptionalBool(root, "wifi", false, basePath, errors);
            bool ethernet = OptionalBool(root, "ethernet", false, basePath, errors);
            if (!wifi && !ethernet)
            {
                errors.Error(basePath, "no_network", "a gateway needs Wi-Fi or Ethernet ('wifi' or 'ethernet': true)",
                    "网关需要 Wi-Fi 或以太网（'wifi' 或 'ethernet' 为 true）");
            }

            string port = RequiredString(root, "rs485Port", basePath, errors);
            if (port != null && !IsComPort(port))
            {
                errors.Error(basePath + ".rs485Port", "port_invalid", "rs485Port must be COM1–COM3 (ESP32 UART0–2)", "rs485Port 必须是 COM1–COM3（ESP32 UART0–2）");
            }

            double shunt = ReadShunt(root, basePath, errors);
            PinAssignment[] pins = ReadPins(root, basePath, errors);
            string logPort = ReadLogPort(root, port, basePath, errors);

            if (errors.ErrorsSince(0) > before) return false;
            board = new BoardPinMap(id, name, module, wifi, ethernet, port, shunt, pins);
            board.LogPort = logPort;
            if (logPort.Length > 0 && (!HasPin(board, BoardPinMap.LogTxRole, PinFunction.UartTx) || !HasPin(board, BoardPinMap.LogRxRole, PinFunction.UartRx)))
            {
                errors.Error(basePath + ".logPort", "log_pins_missing", "a log port needs pins 'log_tx' (uart_tx) and 'log_rx' (uart_rx)",
                    "日志串口需要引脚 'log_tx'（uart_tx）和 'log_rx'（uart_rx）");
            }
            if (shunt == 0 && board.Count(PinFunction.AnalogInput) > 0)
            {
                errors.Error(basePath + ".shuntOhms", "shunt_missing", "analog inputs need the shunt resistance (shuntOhms)", "模拟输入需要采样电阻阻值（shuntOhms）");
            }
            Esp32PinRules.Validate(board, basePath, errors);
            return errors.ErrorsSince(0) == before;
        }

        /// <summary>The 4–20 mA shunt resistance (0: none given, or refused).</summary>
        private static double ReadShunt(JsonValue root, string basePath, ValidationErrors errors)
        {
            double shunt = 0;
            JsonValue shuntValue = root.Get("shuntOhms");
            if (shuntValue != null)
            {
                if (!root.TryGetNumber("shuntOhms", out shunt) || !(shunt > 0) || shunt > 1000)
                {
                    errors.Error(basePath + ".shuntOhms", "shunt_invalid", "shuntOhms must be a number between 0 and 1000", "shuntOhms 必须是 0 到 1000 之间的数");
                    shunt = 0;
                }
            }
            return shunt;
        }

        private static PinAssignment[] ReadPins(JsonValue root, string basePath, ValidationErrors errors)
        {
            PinAssignment[] pins = new PinAssignment[0];
            JsonValue pinsValue = root.Get("pins");
            if (pinsValue == null || !pinsValue.IsArray)
            {
                errors.Error(basePath + ".pins", "pins_missing", "pins must be an array", "pins 必须是数组");
            }
            else
            {
                pins = new PinAssignment[pinsValue.Count];
                for (int i = 0; i < pinsValue.Count; i++) pins[i] = ReadPin(pinsValue[i], basePath + ".pins[" + i + "]", errors);
            }
            return pins;
        }

        /// <summary>The optional log UART ("": none, or refused).</summary>
        private static string ReadLogPort(JsonValue root, string port, string basePath, ValidationErrors errors)
        {
            string logPort = "";
            if (root.Get("logPort") != null)
            {
                if (!root.TryGetString("logPort", out logPort) || !IsComPort(logPort) || logPort == "COM1" || logPort == port)
                {
                    errors.Error(basePath + ".logPort", "port_invalid", "logPort must be COM2 or COM3 and not the RS-485 port (COM1 is UART0, the debugger's)",
                        "logPort 必须是 COM2 或 COM3，且不能与 RS-485 端口相同（COM1 是 UART0，调试器专用）");
                    logPort = "";
                }
            }
            return logPort;
        }

        private static PinAssignment ReadPin(JsonValue v, string path, ValidationErrors errors)
        {
            if (v == null || !v.IsObject)
            {
                errors.Error(path, "not_an_object", "a pin is an object with role, gpio and function", "引脚应为包含 role、gpio、function 的对象");
                return null;
            }
            RefuseUnknown(v, s_pinKeys, path, errors);
            string role = RequiredString(v, "role", path, errors);
            long gpio;
            if (!v.TryGetLong("gpio", out gpio))
            {
                errors.Error(path + ".gpio", "gpio_missing", "gpio must be a whole number", "gpio 必须是整数");
                return null;
            }
            if (gpio < 0 || gpio > 64)
            {
                errors.Error(path + ".gpio", "pin_not_exist", "GPIO" + gpio + " does not exist on the ESP32", "GPIO" + gpio + " 在 ESP32 上不存在");
                return null;
            }
            string fn = RequiredString(v, "function", path, errors);
            PinFunction function = PinFunction.Input;
            if (fn != null && !PinFunctions.TryParse(fn, out function))
            {
                errors.Error(path + ".function", "function_unknown",
                    "unknown function '" + fn + "' (one of: " + PinFunctions.AllNames() + ")",
                    "未知功能 '" + fn + "'（可选：" + PinFunctions.AllNames() + "）");
                return null;
            }
            if (role == null) return null;
            return new PinAssignment(role, (int)gpio, function);
        }

        private static bool HasPin(BoardPinMap board, string role, PinFunction function)
        {
            PinAssignment p = board.Find(role);
            return p != null && p.Function == function;
        }

        private static bool IsComPort(string s)
        {
            return s.Length == 4 && s[0] == 'C' && s[1] == 'O' && s[2] == 'M' && s[3] >= '1' && s[3] <= '3';
        }

        private static string RequiredString(JsonValue obj, string key, string path, ValidationErrors errors)
        {
            string s;
            if (!obj.TryGetString(key, out s) || s.Length == 0)
            {
                errors.Error(path + "." + key, key + "_missing", key + " is required (a non-empty string)", key + " 为必填项（非空字符串）");
                return null;
            }
            return s;
        }

        private static bool OptionalBool(JsonValue obj, string key, bool fallback, string path, ValidationErrors errors)
        {
            return new ConfigReader(errors).Bool(obj, key, path, false, fallback);
        }

        private static void RefuseUnknown(JsonValue obj, string[] allowed, string path, ValidationErrors errors)
        {
            new ConfigReader(errors).RejectUnknown(obj, path, allowed);
        }
    }
}
