using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// ESP32 pin rules for a board's pin map (the ESPHome rules, tightened for safety): every
    /// problem is reported with its JSON path, a stable code and English + Chinese text.
    /// A permissive relay on a strapping pin is an error, not a warning: the pin floats or is
    /// pulled during reset, so the relay can click and power equipment while the gateway boots.
    /// </summary>
    public static class Esp32PinRules
    {
        public static void Validate(BoardPinMap board, string basePath, ValidationErrors errors)
        {
            if (board.Pins == null)
            {
                errors.Error(basePath + ".pins", "pins_missing", "the board lists no pins", "板卡没有列出引脚");
                return;
            }
            for (int i = 0; i < board.Pins.Length; i++)
            {
                string path = basePath + ".pins[" + i + "]";
                PinAssignment p = board.Pins[i];
                if (p == null)
                {
                    errors.Error(path, "missing", "pin entry is missing", "引脚条目缺失");
                    continue;
                }
                CheckOne(board, p, path, errors);
                for (int j = 0; j < i; j++)
                {
                    PinAssignment q = board.Pins[j];
                    if (q == null) continue;
                    if (q.Gpio == p.Gpio)
                    {
                        errors.Error(path + ".gpio", "pin_used_twice",
                            "GPIO" + p.Gpio + " is already used by " + basePath + ".pins[" + j + "] (" + q.Role + ")",
                            "GPIO" + p.Gpio + " 已被 " + basePath + ".pins[" + j + "]（" + q.Role + "）使用");
                    }
                    if (q.Role == p.Role)
                    {
                        errors.Error(path + ".role", "role_used_twice",
                            "role '" + p.Role + "' is already given to " + basePath + ".pins[" + j + "]",
                            "角色 '" + p.Role + "' 已分配给 " + basePath + ".pins[" + j + "]");
                    }
                }
            }
        }

        private static void CheckOne(BoardPinMap board, PinAssignment p, string path, ValidationErrors errors)
        {
            int g = p.Gpio;
            string gp = path + ".gpio";
            string name = "GPIO" + g;
            if (p.Role == null || p.Role.Length == 0)
            {
                errors.Error(path + ".role", "role_missing", "a pin needs a role name", "引脚需要角色名称");
            }
            if (!Esp32Pins.Exists(g))
            {
                errors.Error(gp, "pin_not_exist", name + " does not exist on the ESP32 (0–39 without 20, 24, 28–31)",
                    name + " 在 ESP32 上不存在（0–39，不含 20、24、28–31）");
                return;
            }
            if (Esp32Pins.IsFlash(g))
            {
                errors.Error(gp, "flash_pin", name + " is wired to the module's SPI flash (GPIO6–11); using it crashes the chip",
                    name + " 连接模组的 SPI 闪存（GPIO6–11），使用会导致芯片崩溃");
                return;
            }
            if (Esp32Pins.IsPsram(g, board.Module))
            {
                errors.Error(gp, "psram_pin", name + " belongs to the PSRAM on WROVER modules (GPIO16/17)",
                    name + " 在 WROVER 模组上被 PSRAM 占用（GPIO16/17）");
                return;
            }
            if (p.Function == PinFunction.Ethernet)
            {
                // RMII pins are fixed by the ESP32 EMAC; only the clash checks above apply.
                return;
            }
            if (Esp32Pins.IsInputOnly(g))
            {
                if (PinFunctions.Drives(p.Function))
                {
                    errors.Error(gp, "input_only", name + " is input-only; a " + PinFunctions.Name(p.Function) + " needs an output pin",
                        name + " 只能输入；" + PinFunctions.Name(p.Function) + " 需要可输出的引脚");
                }
                if (p.Function == PinFunction.InputPullUp)
                {
                    errors.Error(gp, "no_pull_up", name + " has no internal pull-up (GPIO34–39); fit an external resistor and use 'input'",
                        name + " 没有内部上拉（GPIO34–39）；请加外部上拉电阻并使用 'input'");
                }
            }
            if (Esp32Pins.IsStrapping(g))
            {
                if (p.Function == PinFunction.PermissiveOutput)
                {
                    errors.Error(gp, "strapping_permissive",
                        name + " is a strapping pin (0, 2, 5, 12, 15): a permissive relay on it can click at boot and power equipment",
                        name + " 是启动配置引脚（0、2、5、12、15）：许可继电器接在此处可能在启动时吸合并给设备供电");
                }
                else
                {
                    errors.Warning(gp, "strapping_pin",
                        name + " is a strapping pin (0, 2, 5, 12, 15): what is wired to it must not pull it at reset",
                        name + " 是启动配置引脚（0、2、5、12、15）：外接电路在复位时不得拉动该引脚");
                }
            }
            if (Esp32Pins.IsConsole(g))
            {
                errors.Warning(gp, "console_pin", name + " is UART0, the boot and serial log; the log is lost",
                    name + " 是 UART0（启动和串口日志），日志将不可用");
            }
            if (p.Function == PinFunction.AnalogInput)
            {
                if (!Esp32Pins.IsAdc(g))
                {
                    errors.Error(gp, "not_adc_pin", name + " has no ADC; analog inputs need GPIO32–39 (ADC1)",
                        name + " 没有 ADC；模拟输入需要 GPIO32–39（ADC1）");
                }
                else if (Esp32Pins.Adc2Channel(g) >= 0 && board.UsesWifi)
                {
                    errors.Error(gp, "adc2_with_wifi", name + " is on ADC2, which the Wi-Fi driver owns; use GPIO32–39 (ADC1)",
                        name + " 属于 ADC2，Wi-Fi 使用时不可用；请使用 GPIO32–39（ADC1）");
                }
            }
        }
    }
}
