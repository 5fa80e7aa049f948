namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Merges a device's reads into as few requests as the protocol allows: values of the same
    /// function whose addresses lie within MaxGapRegisters of each other share a block, up to
    /// 125 registers or 2000 bits per request (Modbus Application Protocol §6.1–6.4).
    /// Runs at configuration time; allocates.
    /// </summary>
    public static class ModbusPlanner
    {
        public static ModbusDevicePlan Plan(ModbusDeviceConfig device)
        {
            ModbusDeviceProfile p = device.Profile;
            int points = p.Points == null ? 0 : p.Points.Length;
            int rules = p.StatusRules == null ? 0 : p.StatusRules.Length;
            int max = 2 * points + rules;
            byte[] fn = new byte[max];
            int[] start = new int[max];
            int[] count = new int[max];
            int n = 0;
            for (int i = 0; i < points; i++)
            {
                ModbusPointConfig pt = p.Points[i];
                fn[n] = pt.Function; start[n] = pt.Address; count[n] = pt.RegisterCount; n++;
                if (pt.DecimalPointAddress != ModbusPointConfig.NoRegister)
                {
                    fn[n] = pt.Function; start[n] = pt.DecimalPointAddress; count[n] = 1; n++;
                }
            }
            for (int i = 0; i < rules; i++)
            {
                fn[n] = p.StatusRules[i].Function; start[n] = p.StatusRules[i].Address; count[n] = 1; n++;
            }
            SortByFunctionAndAddress(fn, start, count, n);
            System.Collections.ArrayList blocks = new System.Collections.ArrayList();
            int k = 0;
            while (k < n)
            {
                byte f = fn[k];
                int bStart = start[k];
                int bEnd = start[k] + count[k];
                int limit = FunctionCode.IsBitRead(f) ? FunctionCode.MaxReadBits : FunctionCode.MaxReadRegisters;
                k++;
                while (k < n && fn[k] == f && start[k] <= bEnd + device.MaxGapRegisters)
                {
                    int end = start[k] + count[k];
                    int newEnd = end > bEnd ? end : bEnd;
                    if (newEnd - bStart > limit) break;
                    bEnd = newEnd;
                    k++;
                }
                blocks.Add(new ModbusBlock(f, bStart, bEnd - bStart));
            }
            ModbusDevicePlan plan = new ModbusDevicePlan();
            plan.Blocks = new ModbusBlock[blocks.Count];
            for (int i = 0; i < blocks.Count; i++) plan.Blocks[i] = (ModbusBlock)blocks[i];
            plan.PointBlock = new int[points];
            plan.PointOffset = new int[points];
            plan.DecimalBlock = new int[points];
            plan.DecimalOffset = new int[points];
            for (int i = 0; i < points; i++)
            {
                ModbusPointConfig pt = p.Points[i];
                Locate(plan.Blocks, pt.Function, pt.Address, pt.RegisterCount, out plan.PointBlock[i], out plan.PointOffset[i]);
                plan.DecimalBlock[i] = -1;
                if (pt.DecimalPointAddress != ModbusPointConfig.NoRegister)
                {
                    Locate(plan.Blocks, pt.Function, pt.DecimalPointAddress, 1, out plan.DecimalBlock[i], out plan.DecimalOffset[i]);
                }
            }
            plan.RuleBlock = new int[rules];
            plan.RuleOffset = new int[rules];
            plan.RuleTargets = new int[rules][];
            for (int i = 0; i < rules; i++)
            {
                ModbusStatusRule r = p.StatusRules[i];
                Locate(plan.Blocks, r.Function, r.Address, 1, out plan.RuleBlock[i], out plan.RuleOffset[i]);
                if (r.PointIds != null)
                {
                    int[] targets = new int[r.PointIds.Length];
                    for (int t = 0; t < targets.Length; t++) targets[t] = p.IndexOf(r.PointIds[t]);
                    plan.RuleTargets[i] = targets;
                }
            }
            return plan;
        }

        /// <summary>Insertion sort of the first n reads by (function, address), moving their counts along: a few dozen entries at start-up.</summary>
        private static void SortByFunctionAndAddress(byte[] fn, int[] start, int[] count, int n)
        {
            for (int i = 1; i < n; i++)
            {
                byte f = fn[i]; int s = start[i]; int c = count[i];
                int j = i - 1;
                while (j >= 0 && (fn[j] > f || (fn[j] == f && start[j] > s)))
                {
                    fn[j + 1] = fn[j]; start[j + 1] = start[j]; count[j + 1] = count[j];
                    j--;
                }
                fn[j + 1] = f; start[j + 1] = s; count[j + 1] = c;
            }
        }

        private static void Locate(ModbusBlock[] blocks, byte function, int address, int count, out int block, out int offset)
        {
            for (int b = 0; b < blocks.Length; b++)
            {
                if (blocks[b].Contains(function, address, count))
                {
                    block = b;
                    offset = address - blocks[b].Address;
                    return;
                }
            }
            block = -1;
            offset = 0;
        }
    }
}
