using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Validates a bus: line settings, devices, register maps, and the bus-time budget: the
    /// requests of every device at its poll interval must fit on the line (computed from baud
    /// rate and frame sizes), and each device's cycle plus the cost of one dead neighbour must fit
    /// in its interval. Returns every error with its path.
    /// </summary>
    public static class ModbusConfigValidator
    {
        private static readonly int[] s_bauds = { 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200 };

        public static void Validate(ModbusBusConfig bus, string path, ValidationErrors errors)
        {
            bool lineOk = true;
            bool baudOk = false;
            for (int i = 0; i < s_bauds.Length; i++) baudOk |= s_bauds[i] == bus.BaudRate;
            if (!baudOk)
            {
                lineOk = false;
                errors.Error(path + ".baud", "modbus_baud", "baud rate " + bus.BaudRate + " is not a standard RS-485 rate (1200–115200)",
                    "波特率 " + bus.BaudRate + " 不是标准 RS-485 速率（1200–115200）");
            }
            if (bus.BitsPerCharacter != 10 && bus.BitsPerCharacter != 11)
            {
                lineOk = false;
                errors.Error(path + ".bitsPerCharacter", "modbus_framing", "a Modbus RTU character is 11 bits (or 10 for 8N1 devices)",
                    "Modbus RTU 字符为 11 位（8N1 设备为 10 位）");
            }
            if (bus.ResponseTimeoutMs < 10 || bus.ResponseTimeoutMs > 5000)
            {
                lineOk = false;
                errors.Error(path + ".responseTimeoutMs", "modbus_timeout", "response timeout must be 10–5000 ms",
                    "响应超时须为 10–5000 ms");
            }
            if (bus.Retries < 0 || bus.Retries > 5)
            {
                errors.Error(path + ".retries", "modbus_retries", "retries must be 0–5", "重试次数须为 0–5");
            }
            if (bus.TurnaroundDelayMs < 0 || bus.TurnaroundDelayMs > 1000)
            {
                errors.Error(path + ".turnaroundDelayMs", "modbus_turnaround", "turnaround delay must be 0–1000 ms", "广播转换延时须为 0–1000 ms");
            }
            if (bus.Devices == null || bus.Devices.Length == 0)
            {
                errors.Error(path + ".devices", "modbus_no_devices", "a bus needs at least one device", "总线上至少需要一个设备");
                return;
            }
            bool devicesOk = true;
            for (int d = 0; d < bus.Devices.Length; d++)
            {
                string dp = path + ".devices[" + d + "]";
                ModbusDeviceConfig dev = bus.Devices[d];
                if (dev == null)
                {
                    errors.Error(dp, "missing", "device is missing", "设备缺失");
                    devicesOk = false;
                    continue;
                }
                if (!ValidateDevice(dev, dp, errors)) devicesOk = false;
                for (int o = 0; o < d; o++)
                {
                    ModbusDeviceConfig other = bus.Devices[o];
                    if (other == null) continue;
                    if (other.Unit == dev.Unit)
                    {
                        errors.Error(dp + ".unit", "modbus_duplicate_unit", "slave address " + dev.Unit + " is already used by " + path + ".devices[" + o + "]",
                            "从站地址 " + dev.Unit + " 已被 " + path + ".devices[" + o + "] 使用");
                    }
                    if (other.Name == dev.Name)
                    {
                        errors.Error(dp + ".name", "modbus_duplicate_name", "device name '" + dev.Name + "' is already used by " + path + ".devices[" + o + "]",
                            "设备名 '" + dev.Name + "' 已被 " + path + ".devices[" + o + "] 使用");
                    }
                }
            }
            if (lineOk && devicesOk) ValidateBudget(bus, path, errors);
        }

        private static bool ValidateDevice(ModbusDeviceConfig dev, string path, ValidationErrors errors)
        {
            bool ok = true;
            if (dev.Name == null || dev.Name.Length == 0)
            {
                errors.Error(path + ".name", "modbus_name", "a device needs a name", "设备需要名称");
            }
            if (dev.Unit < 1 || dev.Unit > 247)
            {
                errors.Error(path + ".unit", "modbus_unit", "slave address must be 1–247 (0 is broadcast)", "从站地址须为 1–247（0 为广播）");
            }
            if (dev.PollIntervalMs < 100 || dev.PollIntervalMs > 3600000)
            {
                ok = false;
                errors.Error(path + ".pollIntervalMs", "modbus_poll_interval", "poll interval must be 100 ms – 1 h", "轮询周期须为 100 ms – 1 h");
            }
            if (dev.AlarmPollIntervalMs < 100 || dev.AlarmPollIntervalMs > ModbusDeviceConfig.MaxAlarmPollIntervalMs || dev.AlarmPollIntervalMs > dev.PollIntervalMs)
            {
                ok = false;
                errors.Error(path + ".alarmPollIntervalMs", "modbus_alarm_interval",
                    "alarm poll interval must be 100 ms – 10 s and not longer than the poll interval (AQ 6201: ≤ 10 s in an over-limit area)",
                    "报警时轮询周期须为 100 ms – 10 s 且不长于正常周期（AQ 6201：超限区域 ≤ 10 s）");
            }
            if (dev.MissesBeforeFault < 1 || dev.MissesBeforeFault > 10)
            {
                errors.Error(path + ".missesBeforeFault", "modbus_misses", "misses before a communication fault must be 1–10", "判定通信故障的漏读次数须为 1–10");
            }
            if (dev.BackoffMaxMs < dev.PollIntervalMs)
            {
                errors.Error(path + ".backoffMaxMs", "modbus_backoff", "backoff limit must not be shorter than the poll interval", "退避上限不能短于轮询周期");
            }
            if (dev.Profile == null)
            {
                errors.Error(path + ".profile", "modbus_profile", "device has no register map (profile)", "设备没有寄存器表（档案）");
                return false;
            }
            if (!ValidateProfile(dev.Profile, path + ".profile", errors)) ok = false;
            return ok;
        }

        /// <summary>Checks a register map on its own (also used when a profile file is loaded).</summary>
        public static bool ValidateProfile(ModbusDeviceProfile p, string path, ValidationErrors errors)
        {
            int before = errors.Count;
            if (p.Points == null || p.Points.Length == 0)
            {
                errors.Error(path + ".points", "modbus_no_points", "a register map needs at least one point", "寄存器表至少需要一个点");
                return false;
            }
            for (int i = 0; i < p.Points.Length; i++)
            {
                string pp = path + ".points[" + i + "]";
                ModbusPointConfig pt = p.Points[i];
                if (pt.Id == null || pt.Id.Length == 0) errors.Error(pp + ".id", "modbus_point_id", "a point needs an id", "点需要 id");
                for (int j = 0; j < i; j++)
                {
                    if (pt.Id != null && p.Points[j].Id == pt.Id)
                    {
                        errors.Error(pp + ".id", "modbus_duplicate_point", "point id '" + pt.Id + "' is used twice", "点 id '" + pt.Id + "' 重复");
                    }
                }
                if (!FunctionCode.IsRead(pt.Function))
                {
                    errors.Error(pp + ".function", "modbus_point_function", "a point is read with function 1, 2, 3 or 4", "点须用功能码 1、2、3 或 4 读取");
                    continue;
                }
                bool bitFunction = FunctionCode.IsBitRead(pt.Function);
                if (bitFunction != (pt.Type == RegisterType.Bool))
                {
                    errors.Error(pp + ".type", "modbus_point_type",
                        "type 'bool' goes with functions 1 and 2 (coils, discrete inputs), register types with 3 and 4",
                        "'bool' 类型对应功能码 1、2（线圈、离散输入），寄存器类型对应功能码 3、4");
                }
                if (pt.Type == RegisterType.Bits && (pt.BitIndex < 0 || pt.BitIndex > 15 || pt.BitCount < 1 || pt.BitIndex + pt.BitCount > 16))
                {
                    errors.Error(pp + ".bit", "modbus_bit_field", "a bit field lies within bits 0–15 of its register", "位字段须在寄存器的第 0–15 位之内");
                }
                if (pt.Type == RegisterType.Ascii && (pt.Length < 1 || pt.Length > 32))
                {
                    errors.Error(pp + ".length", "modbus_ascii_length", "ASCII text is 1–32 registers", "ASCII 文本为 1–32 个寄存器");
                }
                if (pt.Address < 0 || pt.Address + pt.RegisterCount > 0x10000)
                {
                    errors.Error(pp + ".address", "modbus_address", "address must be 0–65535 (protocol addresses, not 4xxxx references)",
                        "地址须为 0–65535（协议地址，而非 4xxxx 编号）");
                }
                if (pt.DecimalPointAddress != ModbusPointConfig.NoRegister && (bitFunction || pt.DecimalPointAddress < 0 || pt.DecimalPointAddress > 0xFFFF))
                {
                    errors.Error(pp + ".decimalPointAddress", "modbus_decimal_register", "the point-position register (digits after the point) is a register (function 3 or 4) at 0–65535",
                        "小数点寄存器须为 0–65535 的寄存器（功能码 3 或 4）");
                }
                if (pt.Scale == 0 || double.IsNaN(pt.Scale) || double.IsInfinity(pt.Scale) || double.IsNaN(pt.Offset) || double.IsInfinity(pt.Offset))
                {
                    errors.Error(pp + ".scale", "modbus_scale", "scale must be a non-zero number", "比例系数须为非零数");
                }
            }
            ValidateStatusRules(p, path, errors);
            return errors.Count == before;
        }

        /// <summary>The status rules of a register map: register, mask and match, a quality to set, and targets that name points of the map.</summary>
        private static void ValidateStatusRules(ModbusDeviceProfile p, string path, ValidationErrors errors)
        {
            if (p.StatusRules != null)
            {
                for (int i = 0; i < p.StatusRules.Length; i++)
                {
                    string rp = path + ".status[" + i + "]";
                    ModbusStatusRule r = p.StatusRules[i];
                    if (!FunctionCode.IsRegisterRead(r.Function) || r.Address < 0 || r.Address > 0xFFFF)
                    {
                        errors.Error(rp + ".address", "modbus_status_register", "a status register is read with function 3 or 4 at 0–65535",
                            "状态寄存器须用功能码 3 或 4 读取，地址 0–65535");
                    }
                    if (r.Mask < 1 || r.Mask > 0xFFFF || (r.Match != ModbusStatusRule.AnyBit && (r.Match & ~r.Mask) != 0))
                    {
                        errors.Error(rp + ".mask", "modbus_status_mask", "mask must be 1–0xFFFF and the match value within it", "掩码须为 1–0xFFFF，匹配值须在掩码内");
                    }
                    if (r.Quality == Qinshui.Edge.Core.Domain.Quality.Good)
                    {
                        errors.Error(rp + ".quality", "modbus_status_quality", "a status rule must set a quality flag", "状态规则须设置一个质量标志");
                    }
                    if (r.PointIds != null)
                    {
                        for (int t = 0; t < r.PointIds.Length; t++)
                        {
                            if (p.IndexOf(r.PointIds[t]) < 0)
                            {
                                errors.Error(rp + ".points[" + t + "]", "modbus_status_target", "no point '" + r.PointIds[t] + "' in this map",
                                    "寄存器表中没有点 '" + r.PointIds[t] + "'");
                            }
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The budget in the device-faithful model (ModbusDriveModel.Device: bus thread woken every
        /// millisecond, the scan holding the CPU part of each period), not the ideal line: each
        /// transaction costs what the ESP32's master takes, and the line time the scan blocks is lost.
        /// </summary>
        private static void ValidateBudget(ModbusBusConfig bus, string path, ValidationErrors errors)
        {
            ModbusTiming timing = bus.CreateTiming();
            ModbusDriveModel drive = ModbusDriveModel.Device();
            int n = bus.Devices.Length;
            long[] cycle = new long[n];
            long[] dead = new long[n];
            // Load as parts per million of the line: Σ cycle / interval.
            long loadPpm = 0;
            long alarmLoadPpm = 0;
            for (int d = 0; d < n; d++)
            {
                ModbusDevicePlan plan = ModbusPlanner.Plan(bus.Devices[d]);
                cycle[d] = plan.CycleMicros(timing, drive);
                dead[d] = plan.DeadMicros(timing, drive);
                loadPpm += cycle[d] * 1000L / bus.Devices[d].PollIntervalMs;
                alarmLoadPpm += cycle[d] * 1000L / bus.Devices[d].AlarmPollIntervalMs;
            }
            long usablePpm = drive.UsableLinePpm;
            if (loadPpm > usablePpm)
            {
                errors.Error(path + ".devices", "modbus_bus_budget",
                    "the devices need " + (loadPpm / 10000) + " % of the line at " + bus.BaudRate + " baud, the gateway's master can fill " + (usablePpm / 10000) + " %: poll intervals cannot be met (lengthen them, raise the baud rate or split the bus)",
                    "各设备需占用 " + bus.BaudRate + " 波特线路的 " + (loadPpm / 10000) + " %，网关主站最多可用 " + (usablePpm / 10000) + " %：无法满足轮询周期（加长周期、提高波特率或拆分总线）");
            }
            else if (alarmLoadPpm > usablePpm)
            {
                errors.Warning(path + ".devices", "modbus_alarm_budget",
                    "with every device in alarm the line would need " + (alarmLoadPpm / 10000) + " % (the master can fill " + (usablePpm / 10000) + " %): alarm intervals will stretch",
                    "所有设备报警时线路需占用 " + (alarmLoadPpm / 10000) + " %（主站最多可用 " + (usablePpm / 10000) + " %）：报警轮询周期将被拉长");
            }
            for (int d = 0; d < n; d++)
            {
                long worstOther = 0;
                for (int o = 0; o < n; o++)
                {
                    if (o != d && dead[o] > worstOther) worstOther = dead[o];
                }
                long needUs = cycle[d] + worstOther + drive.WorstWakeDelayUs;
                if (needUs > bus.Devices[d].AlarmPollIntervalMs * 1000L)
                {
                    errors.Error(path + ".devices[" + d + "].alarmPollIntervalMs", "modbus_interval_too_short",
                        "one poll takes " + (cycle[d] / 1000) + " ms plus up to " + (worstOther / 1000) + " ms for a dead neighbour and " + (drive.WorstWakeDelayUs / 1000) + " ms for the scan: longer than the " + bus.Devices[d].AlarmPollIntervalMs + " ms interval",
                        "一次轮询需 " + (cycle[d] / 1000) + " ms，另加离线设备最多 " + (worstOther / 1000) + " ms 及扫描 " + (drive.WorstWakeDelayUs / 1000) + " ms：超过 " + bus.Devices[d].AlarmPollIntervalMs + " ms 周期");
                }
            }
        }
    }
}
