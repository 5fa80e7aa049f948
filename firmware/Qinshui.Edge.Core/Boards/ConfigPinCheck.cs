using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// Checks a configuration's "pins" against its board: every output, input, analog input and
    /// card reader id has a pin; a board role is used for what the board wired it for (a relay id
    /// on a permissive_output role, a contact on an input role, …); a GPIO given as a number passes
    /// the same ESP32 rules as the board's own pins (Esp32PinRules: a permissive output on a
    /// strapping pin is refused, input-only pins cannot drive, flash pins are never used); no two
    /// ids share a pin; every bus is on the board's RS-485 port. Errors carry the config path.
    /// </summary>
    public static class ConfigPinCheck
    {
        private const int Permissive = 0;
        private const int Contact = 1;
        private const int Analog = 2;
        private const int Reader = 3;

        public static void Validate(GatewayConfig config, BoardPinMap board, ValidationErrors errors)
        {
            int[] gpioOfPin = new int[config.PinIds.Length];
            bool[] used = new bool[config.PinIds.Length];
            for (int i = 0; i < gpioOfPin.Length; i++) gpioOfPin[i] = Resolve(config, board, i, errors);

            for (int i = 0; i < config.Interlocks.Outputs.Length; i++)
                Check(config, board, config.Interlocks.Outputs[i].Id, Permissive, "interlocks.outputs[" + i + "].id", gpioOfPin, used, errors);
            for (int i = 0; i < config.Welding.Stations.Length; i++)
                Check(config, board, config.Welding.Stations[i].EnableOutputId, Permissive, "welding.stations[" + i + "].enableOutput", gpioOfPin, used, errors);
            for (int i = 0; i < config.Interlocks.Inputs.Length; i++)
                Check(config, board, config.Interlocks.Inputs[i].Id, Contact, "interlocks.inputs[" + i + "].id", gpioOfPin, used, errors);
            for (int i = 0; i < config.AnalogInputIds.Length; i++)
                Check(config, board, config.AnalogInputIds[i], Analog, "analogInputs[" + i + "]", gpioOfPin, used, errors);
            for (int i = 0; i < config.CardReaderIds.Length; i++)
                Check(config, board, config.CardReaderIds[i], Reader, "cardReaders[" + i + "]", gpioOfPin, used, errors);

            for (int i = 0; i < config.PinIds.Length; i++)
            {
                if (!used[i])
                    errors.Warning("pins." + config.PinIds[i], "pin_unused",
                        "'" + config.PinIds[i] + "' is not an output, input, analog input or card reader of this configuration",
                        "'" + config.PinIds[i] + "' 不是本配置的输出、输入、模拟输入或读卡器");
                if (gpioOfPin[i] < 0) continue;
                for (int k = 0; k < i; k++)
                {
                    if (gpioOfPin[k] == gpioOfPin[i])
                        errors.Error("pins." + config.PinIds[i], "pin_shared",
                            "GPIO" + gpioOfPin[i] + " is already used by '" + config.PinIds[k] + "'",
                            "GPIO" + gpioOfPin[i] + " 已被 '" + config.PinIds[k] + "' 使用");
                }
                // A GPIO given by number must not take a pin the board already wires to something else.
                if (config.PinRoles[i] == null && board.Pins != null)
                {
                    for (int b = 0; b < board.Pins.Length; b++)
                    {
                        if (board.Pins[b] != null && board.Pins[b].Gpio == gpioOfPin[i])
                            errors.Error("pins." + config.PinIds[i], "pin_shared",
                                "GPIO" + gpioOfPin[i] + " is the board's '" + board.Pins[b].Role + "' pin: name that role instead",
                                "GPIO" + gpioOfPin[i] + " 是板卡的 '" + board.Pins[b].Role + "' 引脚：请改用该角色");
                    }
                }
            }

            for (int i = 0; i < config.BusPorts.Length; i++)
            {
                string port = config.BusPorts[i];
                if (board.Rs485Port != null && board.Rs485Port.Length > 0 && port != null && port.Length > 0 && port != board.Rs485Port)
                    errors.Error("buses[" + i + "].port", "bus_port_not_on_board",
                        "board " + board.Id + " wires its RS-485 transceiver to " + board.Rs485Port + ", not '" + port + "'",
                        "板卡 " + board.Id + " 的 RS-485 收发器接在 " + board.Rs485Port + "，而不是 '" + port + "'");
            }
        }

        private static int Resolve(GatewayConfig config, BoardPinMap board, int i, ValidationErrors errors)
        {
            if (config.PinRoles[i] == null) return config.PinGpios[i];
            PinAssignment a = board.Find(config.PinRoles[i]);
            if (a == null)
            {
                errors.Error("pins." + config.PinIds[i], "pin_role_unknown",
                    "board " + board.Id + " has no pin role '" + config.PinRoles[i] + "' (roles: " + Roles(board) + ")",
                    "板卡 " + board.Id + " 没有引脚角色 '" + config.PinRoles[i] + "'（角色：" + Roles(board) + "）");
                return -1;
            }
            return a.Gpio;
        }

        private static void Check(GatewayConfig config, BoardPinMap board, string id, int use, string usePath, int[] gpioOfPin, bool[] used, ValidationErrors errors)
        {
            if (id == null) return;
            int i = IndexOf(config.PinIds, id);
            PinFunction implied = use == Permissive ? PinFunction.PermissiveOutput : use == Contact ? PinFunction.Input : use == Analog ? PinFunction.AnalogInput : PinFunction.Bus;
            if (i < 0 && ImpliedByRole(board, id, use, implied, usePath, errors)) return;
            if (i < 0)
            {
                errors.Error(usePath, "pin_unmapped",
                    UseName(use) + " '" + id + "' has no pin on board " + board.Id + ": add \"pins\": { \"" + id + "\": \"<role>\" } (roles: " + Roles(board) + ")",
                    UseNameZh(use) + " '" + id + "' 在板卡 " + board.Id + " 上没有引脚：请在 \"pins\" 中添加 \"" + id + "\"（角色：" + Roles(board) + "）");
                return;
            }
            used[i] = true;
            string p = "pins." + id;
            PinFunction wanted = use == Permissive ? PinFunction.PermissiveOutput : use == Contact ? PinFunction.Input : use == Analog ? PinFunction.AnalogInput : PinFunction.Bus;
            if (config.PinRoles[i] != null)
            {
                PinAssignment a = board.Find(config.PinRoles[i]);
                if (a == null) return;
                bool fits = a.Function == wanted || (use == Contact && a.Function == PinFunction.InputPullUp);
                if (!fits)
                    errors.Error(p, "pin_function",
                        "'" + config.PinRoles[i] + "' (GPIO" + a.Gpio + ") is wired as " + PinFunctions.Name(a.Function) + " on board " + board.Id + "; " + UseName(use) + " '" + id + "' needs " + PinFunctions.Name(wanted),
                        "'" + config.PinRoles[i] + "'（GPIO" + a.Gpio + "）在板卡 " + board.Id + " 上是 " + PinFunctions.Name(a.Function) + "；" + UseNameZh(use) + " '" + id + "' 需要 " + PinFunctions.Name(wanted));
                return;
            }
            // A bare GPIO: the same ESP32 rules as a board's own pins.
            ValidationErrors pinErrors = new ValidationErrors();
            BoardPinMap one = new BoardPinMap(board.Id, board.Name, board.Module, board.UsesWifi, board.HasEthernet, board.Rs485Port, board.ShuntOhms,
                new PinAssignment[] { new PinAssignment(id, gpioOfPin[i], wanted) });
            Esp32PinRules.Validate(one, "", pinErrors);
            for (int e = 0; e < pinErrors.Count; e++)
            {
                ValidationError x = pinErrors[e];
                string suffix = x.Path.Length > 8 ? x.Path.Substring(8) : "";
                if (x.IsWarning) errors.Warning(p + suffix, x.Code, x.English, x.Chinese);
                else errors.Error(p + suffix, x.Code, x.English, x.Chinese);
            }
        }

        /// <summary>
        /// An id that is itself a role of the board needs no "pins" entry (the device binds it by
        /// that name, Boards/BoardBinding); a card reader R uses roles R_data0/R_data1 (Wiegand).
        /// </summary>
        private static bool ImpliedByRole(BoardPinMap board, string id, int use, PinFunction wanted, string usePath, ValidationErrors errors)
        {
            PinAssignment a = board.Find(use == Permissive || use == Contact || use == Analog ? id : id + "_data0");
            if (a == null) return false;
            if (use != Permissive && use != Contact && use != Analog) return board.Find(id + "_data1") != null;
            bool fits = a.Function == wanted || (use == Contact && a.Function == PinFunction.InputPullUp);
            if (!fits)
                errors.Error(usePath, "pin_function",
                    "'" + id + "' (GPIO" + a.Gpio + ") is wired as " + PinFunctions.Name(a.Function) + " on board " + board.Id + "; " + UseName(use) + " '" + id + "' needs " + PinFunctions.Name(wanted),
                    "'" + id + "'（GPIO" + a.Gpio + "）在板卡 " + board.Id + " 上是 " + PinFunctions.Name(a.Function) + "；" + UseNameZh(use) + " '" + id + "' 需要 " + PinFunctions.Name(wanted));
            return true;
        }

        private static string UseName(int use)
        {
            return use == Permissive ? "output" : use == Contact ? "input" : use == Analog ? "analog input" : "card reader";
        }

        private static string UseNameZh(int use)
        {
            return use == Permissive ? "输出" : use == Contact ? "输入" : use == Analog ? "模拟输入" : "读卡器";
        }

        private static string Roles(BoardPinMap board)
        {
            string s = "";
            if (board.Pins == null) return s;
            for (int i = 0; i < board.Pins.Length; i++)
            {
                if (board.Pins[i] == null) continue;
                s = s.Length == 0 ? board.Pins[i].Role : s + ", " + board.Pins[i].Role;
            }
            return s;
        }

        private static int IndexOf(string[] list, string s)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return i;
            }
            return -1;
        }
    }
}
