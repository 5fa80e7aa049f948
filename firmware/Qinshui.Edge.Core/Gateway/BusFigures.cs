using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>Sums every bus master's transaction counters into the health figures (bus.requests, timeouts, crc_errors, exceptions).</summary>
    public static class BusFigures
    {
        public static void CopyInto(ModbusPoller[] pollers, HealthFigures health)
        {
            long requests = 0, timeouts = 0, crc = 0, exceptions = 0;
            for (int b = 0; b < pollers.Length; b++)
            {
                if (pollers[b] == null) continue;
                ModbusMaster m = pollers[b].Master;
                requests += m.TransactionCount;
                timeouts += m.TimeoutCount;
                crc += m.CrcErrorCount;
                exceptions += m.ExceptionCount;
            }
            health.BusRequests = requests;
            health.BusTimeouts = timeouts;
            health.BusCrcErrors = crc;
            health.BusExceptions = exceptions;
        }
    }
}
