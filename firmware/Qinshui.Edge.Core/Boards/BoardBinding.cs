using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// How a gateway configuration lands on an ESP32 board: every id the configuration names is a
    /// pin role of the board file (hardware/boards/*.json) named by its "board" member.
    /// <list type="bullet">
    /// <item>interlocks.outputs[].id and welding.stations[].enableOutput → a permissive_output pin;</item>
    /// <item>interlocks.inputs[].id → an input or input_pullup pin;</item>
    /// <item>analogInputs[] → an analog_input pin (4–20 mA over the board's shunt);</item>
    /// <item>cardReaders[] id R → the Wiegand lines "R_data0" and "R_data1" (bus pins);</item>
    /// <item>buses[].port → the board's rs485Port (or empty for it); one bus per port; the line
    /// format follows bitsPerCharacter: 11 = 8E1 (the Modbus RTU default, Modbus over serial line
    /// V1.02 §2.5.1), 10 = 8N1.</item>
    /// </list>
    /// Checked before a configuration is accepted, so a configuration the board cannot carry is
    /// refused with paths and the last good one stays.
    /// </summary>
    public static class BoardBinding
    {
        public const string CardData0Suffix = "_data0";
        public const string CardData1Suffix = "_data1";

        /// <summary>Adds an error (with the configuration path) for everything the board cannot carry.</summary>
        public static void Check(GatewayConfig c, BoardPinMap board, ValidationErrors errors)
        {
            if (c.Board == null || c.Board.Length == 0)
            {
                errors.Error("board", "board_missing", "a device configuration names its board ('board': '" + board.Id + "')",
                    "设备配置必须指定板卡（'board': '" + board.Id + "'）");
            }
            else if (c.Board != board.Id)
            {
                errors.Error("board", "board_mismatch", "the configuration is for board '" + c.Board + "', this gateway is a '" + board.Id + "'",
                    "该配置适用于板卡 '" + c.Board + "'，本网关是 '" + board.Id + "'");
            }
            for (int i = 0; i < c.Interlocks.Outputs.Length; i++)
            {
                Expect(board, c.Interlocks.Outputs[i].Id, "interlocks.outputs[" + i + "].id", PinFunction.PermissiveOutput, PinFunction.PermissiveOutput, errors);
            }
            for (int i = 0; i < c.Welding.Stations.Length; i++)
            {
                Expect(board, c.Welding.Stations[i].EnableOutputId, "welding.stations[" + i + "].enableOutput", PinFunction.PermissiveOutput, PinFunction.PermissiveOutput, errors);
            }
            for (int i = 0; i < c.Interlocks.Inputs.Length; i++)
            {
                Expect(board, c.Interlocks.Inputs[i].Id, "interlocks.inputs[" + i + "].id", PinFunction.Input, PinFunction.InputPullUp, errors);
            }
            for (int i = 0; i < c.AnalogInputIds.Length; i++)
            {
                Expect(board, c.AnalogInputIds[i], "analogInputs[" + i + "]", PinFunction.AnalogInput, PinFunction.AnalogInput, errors);
            }
            for (int i = 0; i < c.CardReaderIds.Length; i++)
            {
                string id = c.CardReaderIds[i];
                if (id == null) continue;
                Expect(board, id + CardData0Suffix, "cardReaders[" + i + "]", PinFunction.Bus, PinFunction.Bus, errors);
                Expect(board, id + CardData1Suffix, "cardReaders[" + i + "]", PinFunction.Bus, PinFunction.Bus, errors);
            }
            for (int i = 0; i < c.Buses.Length; i++)
            {
                string p = "buses[" + i + "]";
                if (!IsBoardPort(board, c.BusPorts[i]))
                {
                    errors.Error(p + ".port", "no_port", "the board has no RS-485 port '" + c.BusPorts[i] + "' (its port is " + board.Rs485Port + ")",
                        "板卡没有 RS-485 端口 '" + c.BusPorts[i] + "'（其端口为 " + board.Rs485Port + "）");
                }
                for (int k = 0; k < i; k++)
                {
                    if (IsBoardPort(board, c.BusPorts[k]) && IsBoardPort(board, c.BusPorts[i]))
                    {
                        errors.Error(p + ".port", "port_shared", "buses[" + k + "] already uses " + board.Rs485Port + ": one bus per port",
                            "buses[" + k + "] 已使用 " + board.Rs485Port + "：每个端口只能接一条总线");
                    }
                }
                bool even;
                if (c.Buses[i] != null && !TryLineFormat(c.Buses[i].BitsPerCharacter, out even))
                {
                    errors.Error(p + ".bitsPerCharacter", "serial_format", "the ESP32 UART runs 11 bits per character (8E1) or 10 (8N1), not " + c.Buses[i].BitsPerCharacter,
                        "ESP32 串口支持每字符 11 位（8E1）或 10 位（8N1），不支持 " + c.Buses[i].BitsPerCharacter);
                }
            }
        }

        /// <summary>True when a bus's port names the board's RS-485 port (empty means that port).</summary>
        public static bool IsBoardPort(BoardPinMap board, string port)
        {
            return port == null || port.Length == 0 || port == board.Rs485Port;
        }

        /// <summary>UART format for a bus: 11 bits = 8 data, even parity, 1 stop; 10 bits = 8 data, no parity, 1 stop.</summary>
        public static bool TryLineFormat(int bitsPerCharacter, out bool evenParity)
        {
            evenParity = bitsPerCharacter == 11;
            return bitsPerCharacter == 11 || bitsPerCharacter == 10;
        }

        private static void Expect(BoardPinMap board, string role, string path, PinFunction f1, PinFunction f2, ValidationErrors errors)
        {
            if (role == null) return;
            PinAssignment pin = board.Find(role);
            if (pin == null)
            {
                errors.Error(path, "no_pin", "board '" + board.Id + "' has no pin '" + role + "'", "板卡 '" + board.Id + "' 没有引脚 '" + role + "'");
            }
            else if (pin.Function != f1 && pin.Function != f2)
            {
                errors.Error(path, "pin_function", "pin '" + role + "' (GPIO" + pin.Gpio + ") is a " + PinFunctions.Name(pin.Function) + ", not a " + PinFunctions.Name(f1),
                    "引脚 '" + role + "'（GPIO" + pin.Gpio + "）是 " + PinFunctions.Name(pin.Function) + "，不是 " + PinFunctions.Name(f1));
            }
        }
    }
}
