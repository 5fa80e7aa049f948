using System;
using System.Threading;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// Steps the Modbus pollers between scans so the master keeps up with the line instead of the
    /// 20 ms scan: stepped only by the scan, a 10-register read at 9600 baud (45.8 ms on the wire)
    /// takes 4 scans and at 115200 baud (6.7 ms) 2 scans. Woken every millisecond (the FreeRTOS
    /// tick), it ends a response and sends the next request within a tick of the line allowing it
    /// (ModbusDriveModel: ≈0.97 of the line maximum at 9600, ≈0.95 at 115200 while the scan does
    /// not hold the CPU). The scan and this thread exclude each other with one lock: nanoCLR can
    /// switch threads between any two IL instructions, and the scan reads what a poll decodes.
    /// Allocates nothing after start.
    /// </summary>
    internal sealed class ModbusBusThread
    {
        private readonly GatewayRuntime _runtime;
        private readonly object _gate;
        private readonly OutputGate _outputs;
        private readonly ILogSink _log;

        public ModbusBusThread(GatewayRuntime runtime, object gate, OutputGate outputs, ILogSink log)
        {
            _runtime = runtime;
            _gate = gate;
            _outputs = outputs;
            _log = log;
        }

        public void Start()
        {
            if (_runtime.BusCount == 0) return;
            new Thread(Run).Start();
        }

        private void Run()
        {
            int sleepMs = ModbusDriveModel.DeviceTickUs / 1000;
            while (true)
            {
                try
                {
                    lock (_gate)
                    {
                        for (int b = 0; b < _runtime.BusCount; b++)
                        {
                            ModbusPoller p = _runtime.Poller(b);
                            if (p != null) p.Step();
                        }
                    }
                }
                catch (Exception e)
                {
                    // As a scan exception: outputs off; the scan's own polling goes on.
                    _outputs.Trip("modbus bus thread exception");
                    _log.Write(LogLevel.Error, "modbus bus thread exception, outputs dropped: " + e.Message);
                }
                Thread.Sleep(sleepMs);
            }
        }
    }
}
